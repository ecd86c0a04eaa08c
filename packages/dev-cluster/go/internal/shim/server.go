// Package shim is an HTTPS reverse proxy in front of the dev cluster's real
// kube-apiserver. It serves ONLY what a CRD cannot:
//
//   - POST /apis/build.openshift.io/v1/namespaces/{ns}/buildconfigs/{name}/instantiate
//   - GET  /apis/build.openshift.io/v1/namespaces/{ns}/builds/{name}/log
//   - GET  /api/v1/namespaces/{ns}/pods/{name}/log   (no kubelet exists here)
//   - GET  /apis/build.openshift.io/v1 (discovery, with the two subresources added)
//
// Every other request is passed through unchanged, streaming included, with
// the caller's own identity: bearer tokens are forwarded as they are; a TLS
// client certificate (verified against the cluster CA) cannot be forwarded,
// so the shim forwards such requests with its own certificate and the
// standard Impersonate-User/Impersonate-Group headers naming the
// certificate's CN and O. The API server then authenticates, authorizes and
// audits the request as that user.
package shim

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/certs"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/logstore"
)

// Options configure the shim.
type Options struct {
	APIServer string // https://127.0.0.1:<port> of the real kube-apiserver
	Listen    string // 127.0.0.1:<port>
	PKIDir    string
	LogStore  string
}

// Server is the shim.
type Server struct {
	upstream *url.URL
	anon     http.RoundTripper // no client certificate: for bearer-token and anonymous callers
	priv     http.RoundTripper // the shim's own certificate: impersonation and privileged work
	proxy    *httputil.ReverseProxy
	store    *logstore.Store
	clients  *kube.Clients // the shim's own (privileged) clients
	files    certs.Files
	logf     func(format string, args ...interface{})
}

type ctxKey int

const privKey ctxKey = 1

// New builds the shim.
func New(o Options) (*Server, error) {
	u, err := url.Parse(o.APIServer)
	if err != nil {
		return nil, err
	}
	f := certs.FilesIn(o.PKIDir)
	pool, err := caPool(f.CACert)
	if err != nil {
		return nil, err
	}
	shimCert, err := tls.LoadX509KeyPair(f.ShimCert, f.ShimKey)
	if err != nil {
		return nil, err
	}
	mk := func(certs []tls.Certificate) *http.Transport {
		return &http.Transport{
			Proxy:               nil,
			TLSClientConfig:     &tls.Config{RootCAs: pool, Certificates: certs, MinVersion: tls.VersionTLS12},
			ForceAttemptHTTP2:   true,
			MaxIdleConnsPerHost: 100,
			IdleConnTimeout:     90 * time.Second,
			DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		}
	}
	clients, err := kube.NewClients(kube.CertConfig(o.APIServer, f, f.ShimCert, f.ShimKey))
	if err != nil {
		return nil, err
	}
	s := &Server{
		upstream: u, anon: mk(nil), priv: mk([]tls.Certificate{shimCert}),
		store: logstore.New(o.LogStore), clients: clients, files: f,
		logf: log.New(os.Stderr, "shim ", log.LstdFlags|log.Lmicroseconds).Printf,
	}
	s.proxy = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			pr.Out.Host = u.Host
			// Keep the caller's X-Forwarded-For chain off: the API server does not need it.
			pr.Out.Header.Del("X-Forwarded-For")
		},
		Transport:     roundTripperFunc(s.pick),
		FlushInterval: -1, // watches and log streams flush every write
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if r.Context().Err() != nil {
				return // the caller went away (e.g. a watch was closed)
			}
			s.logf("proxy %s %s: %v", r.Method, r.URL.Path, err)
			writeStatus(w, http.StatusBadGateway, "ServiceUnavailable", fmt.Sprintf("dev-cluster shim: upstream error: %v", err), nil)
		},
	}
	return s, nil
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func (s *Server) pick(r *http.Request) (*http.Response, error) {
	if r.Context().Value(privKey) != nil {
		return s.priv.RoundTrip(r)
	}
	return s.anon.RoundTrip(r)
}

func caPool(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("no certificate in %s", path)
	}
	return p, nil
}

// ListenAndServe serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	pool, err := caPool(s.files.CACert)
	if err != nil {
		return err
	}
	cert, err := tls.LoadX509KeyPair(s.files.ServingCert, s.files.ServingKey)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:    addr,
		Handler: s,
		TLSConfig: &tls.Config{
			Certificates: []tls.Certificate{cert},
			ClientCAs:    pool,
			ClientAuth:   tls.VerifyClientCertIfGiven,
			MinVersion:   tls.VersionTLS12,
			NextProtos:   []string{"h2", "http/1.1"},
		},
		ReadHeaderTimeout: 30 * time.Second,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	s.logf("listening on https://%s, forwarding to %s", addr, s.upstream)
	err = srv.ServeTLS(ln, "", "")
	if err == http.ErrServerClosed {
		return nil
	}
	return err
}

var (
	reInstantiate = regexp.MustCompile(`^/apis/build\.openshift\.io/v1/namespaces/([^/]+)/buildconfigs/([^/]+)/instantiate/?$`)
	reBuildLog    = regexp.MustCompile(`^/apis/build\.openshift\.io/v1/namespaces/([^/]+)/builds/([^/]+)/log/?$`)
	rePodLog      = regexp.MustCompile(`^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log/?$`)
)

const buildDiscoveryPath = "/apis/build.openshift.io/v1"

// ServeHTTP routes the few shim endpoints and proxies the rest.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c, err := callerOf(r)
	if err != nil {
		writeStatus(w, http.StatusBadRequest, "BadRequest", err.Error(), nil)
		return
	}
	path := r.URL.Path
	switch {
	case reInstantiate.MatchString(path):
		m := reInstantiate.FindStringSubmatch(path)
		if r.Method != http.MethodPost {
			writeStatus(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "only POST is allowed on buildconfigs/instantiate", nil)
			return
		}
		s.instantiate(w, r, c, m[1], m[2])
	case reBuildLog.MatchString(path):
		m := reBuildLog.FindStringSubmatch(path)
		s.buildLog(w, r, c, m[1], m[2])
	case rePodLog.MatchString(path):
		m := rePodLog.FindStringSubmatch(path)
		s.podLog(w, r, c, m[1], m[2])
	case path == buildDiscoveryPath && r.Method == http.MethodGet:
		s.buildDiscovery(w, r, c)
	default:
		s.proxy.ServeHTTP(w, c.forward(r))
	}
}

// caller is who sent a request, as far as the shim can tell.
type caller struct {
	cert   *x509.Certificate // verified client certificate, if any
	header http.Header       // the caller's Authorization (if any)
}

func callerOf(r *http.Request) (*caller, error) {
	c := &caller{header: http.Header{}}
	if r.TLS != nil && len(r.TLS.VerifiedChains) > 0 && len(r.TLS.PeerCertificates) > 0 {
		c.cert = r.TLS.PeerCertificates[0]
		for k := range r.Header {
			if strings.HasPrefix(strings.ToLower(k), "impersonate-") {
				return nil, fmt.Errorf("dev-cluster shim: certificate callers cannot impersonate through the shim (it already impersonates the certificate's user); use admin-direct.kubeconfig for --as")
			}
		}
	}
	if a := r.Header.Get("Authorization"); a != "" {
		c.header.Set("Authorization", a)
	}
	return c, nil
}

// forward prepares r to be sent upstream as this caller.
func (c *caller) forward(r *http.Request) *http.Request {
	if c.cert == nil || c.header.Get("Authorization") != "" {
		// Bearer token (or anonymous): forwarded as is, without any client certificate.
		return r
	}
	r2 := r.WithContext(context.WithValue(r.Context(), privKey, true))
	r2.Header = r.Header.Clone()
	r2.Header.Set("Impersonate-User", c.cert.Subject.CommonName)
	for _, g := range c.cert.Subject.Organization {
		r2.Header.Add("Impersonate-Group", g)
	}
	return r2
}

// Describe returns a one-line description of the caller for logs.
func (c *caller) Describe() string {
	switch {
	case c.header.Get("Authorization") != "":
		return "bearer-token caller"
	case c.cert != nil:
		return "certificate " + c.cert.Subject.CommonName
	default:
		return "anonymous"
	}
}
