package execute

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// ServiceNetwork stands in for the cluster's service network and DNS: a
// forward HTTP proxy that sends a request for http://<service>.<namespace>.svc
// [.cluster.local] (or a route's host) to the loopback port of the server
// behind it. The platform gives every container http_proxy pointing here;
// requests for any other host are refused, as the dev cluster has no other
// network to offer.
type ServiceNetwork struct {
	mu       sync.RWMutex
	backends map[string]string // host (no port) -> 127.0.0.1:<port>
	addr     string
	server   *http.Server
}

// NewServiceNetwork returns a service network with no services.
func NewServiceNetwork() *ServiceNetwork {
	return &ServiceNetwork{backends: map[string]string{}}
}

// Serve listens on addr (host:port) until ctx ends.
func (s *ServiceNetwork) Serve(ctx context.Context, addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.addr = l.Addr().String()
	s.server = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	srv := s.server
	s.mu.Unlock()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// ProxyURL is the value of http_proxy for containers.
func (s *ServiceNetwork) ProxyURL() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return "http://" + s.addr
}

// Set routes the hosts of a service to backend (127.0.0.1:<port>); an empty
// backend removes them.
func (s *ServiceNetwork) Set(hosts []string, backend string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hosts {
		if backend == "" {
			delete(s.backends, h)
		} else {
			s.backends[h] = backend
		}
	}
}

// ServiceHosts are the names a Service of a namespace answers to.
func ServiceHosts(service, ns string) []string {
	return []string{
		service + "." + ns + ".svc.cluster.local",
		service + "." + ns + ".svc",
		service + "." + ns,
	}
}

func (s *ServiceNetwork) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		http.Error(w, "the dev cluster's service network forwards plain HTTP to cluster services only", http.StatusMethodNotAllowed)
		return
	}
	host := r.URL.Hostname()
	if host == "" {
		host, _, _ = strings.Cut(r.Host, ":")
	}
	s.mu.RLock()
	backend, ok := s.backends[strings.ToLower(host)]
	s.mu.RUnlock()
	if !ok {
		http.Error(w, fmt.Sprintf("no service answers at %s in the dev cluster (it routes http://<service>.<namespace>.svc[.cluster.local] to the servers it runs)", host), http.StatusBadGateway)
		return
	}
	target := &url.URL{Scheme: "http", Host: backend}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		pr.Out.Host = r.Host
	}}
	proxy.ServeHTTP(w, r)
}
