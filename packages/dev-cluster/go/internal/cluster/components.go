package cluster

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/backstage-mlops/dev-cluster/internal/certs"
	"github.com/backstage-mlops/dev-cluster/internal/proc"
	"github.com/backstage-mlops/dev-cluster/internal/state"
)

// Components that tests may stop and start again to cause a real outage: the
// kube-apiserver itself (etcd keeps the data; clients of the shim get 502s, and
// watch caches start afresh, so old resourceVersions get 410 Gone) or the shim
// every client talks to (connections are refused).
const (
	ComponentAPIServer = "apiserver"
	ComponentShim      = "shim"
)

// ValidComponent reports whether name is a component that can be stopped and started.
func ValidComponent(name string) bool {
	return name == ComponentAPIServer || name == ComponentShim
}

// StopComponent stops one component of the cluster in dir (SIGTERM, then
// SIGKILL after 2 s) and records it as stopped in state.json. Stopping a stopped
// component does nothing.
func StopComponent(dir, name string) error {
	if !ValidComponent(name) {
		return fmt.Errorf("unknown component %q (want %s or %s)", name, ComponentAPIServer, ComponentShim)
	}
	st, err := state.Load(dir)
	if err != nil {
		return err
	}
	pid, bin := &st.Pids.Shim, "devcluster"
	if name == ComponentAPIServer {
		pid, bin = &st.Pids.APIServer, "kube-apiserver"
	}
	if *pid > 0 && proc.Alive(*pid) && proc.CmdlineContains(*pid, bin) {
		// The API server stops listening at once on SIGTERM but its process can
		// linger for half a minute; the outage has begun, so do not wait long.
		if err := proc.Stop(*pid, 2*time.Second); err != nil {
			return err
		}
	}
	*pid = 0
	return saveState(st)
}

// StartComponent starts a stopped component again, on the same port and with
// the same flags as `up`, and waits until it answers /readyz. self is the
// devcluster binary (it runs the shim).
func StartComponent(ctx context.Context, dir, self, name string) error {
	if !ValidComponent(name) {
		return fmt.Errorf("unknown component %q (want %s or %s)", name, ComponentAPIServer, ComponentShim)
	}
	st, err := state.Load(dir)
	if err != nil {
		return err
	}
	l := Layout{Dir: dir}
	files := certs.FilesIn(l.PKI())
	if name == ComponentAPIServer {
		if proc.Alive(st.Pids.APIServer) {
			return fmt.Errorf("the API server is running (pid %d)", st.Pids.APIServer)
		}
		port, err := portOf(st.APIServer)
		if err != nil {
			return err
		}
		binDir := st.BinDir
		if binDir == "" {
			binDir = filepath.Dir(self)
		}
		if st.Pids.APIServer, err = startAPIServer(UpOptions{BinDir: binDir}, l, files, st.EtcdURL, port); err != nil {
			return err
		}
		if err := saveState(st); err != nil {
			return err
		}
		return waitReady(ctx, st.APIServer+"/readyz", files, 60*time.Second, st.Pids.APIServer, l.Log("kube-apiserver"))
	}
	if proc.Alive(st.Pids.Shim) {
		return fmt.Errorf("the shim is running (pid %d)", st.Pids.Shim)
	}
	port, err := portOf(st.Server)
	if err != nil {
		return err
	}
	if st.Pids.Shim, err = startShim(self, l, st.APIServer, port); err != nil {
		return err
	}
	if err := saveState(st); err != nil {
		return err
	}
	// The shim's /readyz passes through to the API server: wait for the shim only.
	return waitListening(ctx, st.Server, files, 20*time.Second, st.Pids.Shim, l.Log("shim"))
}

// Compact compacts etcd's history at its current revision (physically), so a
// watch or list continuation that starts from an older resourceVersion is
// refused by etcd with "required revision has been compacted". Returns the
// revision. The API server's watch cache may still hold recent events; restart
// the API server as well to make every older resourceVersion expire (410).
func Compact(ctx context.Context, dir string) (int64, error) {
	st, err := state.Load(dir)
	if err != nil {
		return 0, err
	}
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{st.EtcdURL}, DialTimeout: 5 * time.Second})
	if err != nil {
		return 0, fmt.Errorf("etcd %s: %w", st.EtcdURL, err)
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// Any read returns the store's current revision in its header.
	resp, err := cli.Get(ctx, "compact_rev_key")
	if err != nil {
		return 0, fmt.Errorf("etcd revision: %w", err)
	}
	rev := resp.Header.Revision
	if _, err := cli.Compact(ctx, rev, clientv3.WithCompactPhysical()); err != nil {
		return 0, fmt.Errorf("etcd compact at %d: %w", rev, err)
	}
	return rev, nil
}

func portOf(rawURL string) (int, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(u.Port())
}

// saveState writes state.json and pids.json (which `down` reads first).
func saveState(st *state.State) error {
	savePids(Layout{Dir: st.StateDir}, st.Pids)
	return st.Save(st.StateDir)
}

// waitListening waits until the shim accepts TLS connections and answers any
// HTTP status (its upstream may be down on purpose).
func waitListening(ctx context.Context, base string, f certs.Files, timeout time.Duration, pid int, logFile string) error {
	client, err := adminHTTP(f)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	last := ""
	for time.Now().Before(deadline) {
		if !proc.Alive(pid) {
			return fmt.Errorf("process %d exited; last log lines:\n%s", pid, tail(logFile, 15))
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/version", nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		last = err.Error()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s not listening after %s (last: %s)", base, timeout, last)
}
