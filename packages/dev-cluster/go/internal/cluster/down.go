package cluster

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/execute"

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
	stopPlatformProcesses(dir)
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

// stopPlatformProcesses kills the process groups the execution platform
// started (steps, notebooks, model servers) that are still alive: the
// simulator stops them itself when it stops, unless it was killed first.
func stopPlatformProcesses(dir string) {
	raw, err := os.ReadFile(filepath.Join(dir, "platform", "pids"))
	if err != nil {
		return
	}
	marker := []byte(execute.MarkerEnv + "=" + dir + "\x00")
	for _, line := range strings.Fields(string(raw)) {
		pid, err := strconv.Atoi(line)
		if err != nil || pid <= 0 {
			continue
		}
		env, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", pid))
		if err != nil || !bytes.Contains(append(env, 0), marker) {
			continue
		}
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
}
