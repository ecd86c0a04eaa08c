package cluster

import (
	"fmt"
	"os"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/proc"
	"github.com/backstage-mlops/dev-cluster/internal/state"
)

// Down stops every process `up` started in dir (simulator, shim, API server,
// etcd: SIGTERM, then SIGKILL after a grace period) and deletes dir.
func Down(dir string) error {
	l := Layout{Dir: dir}
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil
	}
	p, err := readPids(l)
	if err != nil {
		if st, serr := state.Load(dir); serr == nil {
			p, err = st.Pids, nil
		}
	}
	if err == nil {
		if e := stopPids(p); e != nil {
			return e
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("remove %s: %w", dir, err)
	}
	return nil
}

func stopPids(p state.Pids) error {
	var errs []error
	for _, c := range []struct {
		pid  int
		name string
	}{{p.Sim, "devcluster"}, {p.Core, "devcluster"}, {p.Shim, "devcluster"}, {p.APIServer, "kube-apiserver"}, {p.Etcd, "etcd"}} {
		pid := c.pid
		if pid > 0 && proc.Alive(pid) && proc.CmdlineContains(pid, c.name) {
			if err := proc.Stop(pid, 10*time.Second); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("stop: %v", errs)
	}
	return nil
}
