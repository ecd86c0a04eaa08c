// Package execute runs, for real, the work the dev cluster's platform would
// run on a cluster: a TaskRun's steps (as bash or python, with Tekton's
// substitution, the TaskRun's ServiceAccount, its workspaces and results), a
// NotebookValidationJob's notebook (papermill), an OpenShift S2I build (git
// clone and pip install of requirements.txt) and a model server (MLServer)
// for an InferenceService. It does not write statuses: the simulated
// controllers (internal/sim) ask it for progress and write what the real
// controllers write.
//
// Every process runs in a sandbox (internal/sandbox): the pod's volumes are
// mounted at their paths over the host's filesystem; there is no network
// namespace, so servers listen on loopback ports the platform hands out, and
// cluster-internal URLs (http://<service>.<namespace>.svc...) are reached
// through the platform's service network (a forward proxy, see ServiceNetwork).
package execute

import (
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/logstore"
	"github.com/backstage-mlops/dev-cluster/internal/sandbox"
)

// Config is how the platform is wired into a dev cluster.
type Config struct {
	// Clients act with the simulator's identity (system:masters), e.g. to mint
	// ServiceAccount tokens and read ImageStreams.
	Clients *kube.Clients
	// Self is the devcluster binary (the sandbox's init).
	Self string
	// StateDir is the cluster's state dir; the platform keeps its files in
	// StateDir/platform.
	StateDir string
	// Server is the URL pods use for the API server (the shim), CAFile its CA.
	Server string
	CAFile string
	// Kubectl is the kubectl binary built with the cluster; steps get it as
	// both `kubectl` and `oc`.
	Kubectl string
	// PythonDir holds the platform's Python scripts and pins
	// (packages/dev-cluster/python).
	PythonDir string
	// CacheDir is where Python environments are cached across clusters
	// (${MLOPS_CACHE_DIR:-~/.cache/backstage-mlops}).
	CacheDir string
	// Logs receives container and build logs.
	Logs *logstore.Store
	// Services routes cluster-internal URLs to the servers the platform runs.
	Services *ServiceNetwork
}

// Platform executes workloads. Its methods are safe for concurrent use.
type Platform struct {
	Config
	logf func(string, ...interface{})

	mu         sync.Mutex
	taskRuns   map[string]*TaskRunExecution
	validators map[string]*ValidationExecution
	builds     map[string]*BuildExecution
	predictors map[string]*Predictor
	running    map[*exec.Cmd]struct{}
	pythonErr  map[string]error
	pythonDirs map[string]string
	pythonMu   map[string]*sync.Mutex
}

// New returns a platform; it starts nothing until asked.
func New(c Config) (*Platform, error) {
	if c.Clients == nil || c.Self == "" || c.StateDir == "" || c.Server == "" || c.Logs == nil || c.Services == nil {
		return nil, errors.New("execute: incomplete config")
	}
	for _, d := range []string{"volumes", "runs", "registry", "builds", "tools"} {
		if err := os.MkdirAll(filepath.Join(c.StateDir, "platform", d), 0o755); err != nil {
			return nil, err
		}
	}
	p := &Platform{Config: c, logf: log.New(os.Stderr, "platform ", log.LstdFlags|log.Lmicroseconds).Printf,
		taskRuns: map[string]*TaskRunExecution{}, validators: map[string]*ValidationExecution{},
		builds: map[string]*BuildExecution{}, predictors: map[string]*Predictor{}, running: map[*exec.Cmd]struct{}{},
		pythonErr: map[string]error{}, pythonDirs: map[string]string{}, pythonMu: map[string]*sync.Mutex{}}
	if err := p.installTools(); err != nil {
		return nil, err
	}
	p.writeScrapeTargets() // an empty list until a model server starts
	return p, nil
}

// dir is a path under StateDir/platform.
func (p *Platform) dir(parts ...string) string {
	return filepath.Join(append([]string{p.StateDir, "platform"}, parts...)...)
}

// installTools makes StateDir/platform/tools hold `kubectl` and `oc`, both the
// cluster's kubectl (steps on the OpenShift CLI image call either).
func (p *Platform) installTools() error {
	if p.Kubectl == "" {
		return nil
	}
	for _, name := range []string{"kubectl", "oc"} {
		link := p.dir("tools", name)
		_ = os.Remove(link)
		if err := os.Symlink(p.Kubectl, link); err != nil {
			return err
		}
	}
	return nil
}

// Sandboxes reports why no process can run on this machine, or nil.
func (p *Platform) Sandboxes() error { return sandbox.Available(p.Self) }

// start starts a sandboxed command and remembers it until it exits, so that
// Shutdown can stop it.
func (p *Platform) start(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	p.mu.Lock()
	p.running[cmd] = struct{}{}
	p.mu.Unlock()
	// `devcluster down` stops what is left of these should the simulator die first.
	if f, err := os.OpenFile(p.dir("pids"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err == nil {
		fmt.Fprintln(f, cmd.Process.Pid)
		f.Close()
	}
	return nil
}

// MarkerEnv is set in every process the platform starts, so that `devcluster
// down` can tell them from unrelated processes that reuse a pid.
const MarkerEnv = "DEVCLUSTER_STATE_DIR"

// wait waits for a command started with start.
func (p *Platform) wait(cmd *exec.Cmd) error {
	err := cmd.Wait()
	p.mu.Lock()
	delete(p.running, cmd)
	p.mu.Unlock()
	return err
}

// Shutdown stops every process the platform started (the simulator is
// stopping: a cluster that goes down leaves no model server behind).
func (p *Platform) Shutdown() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for cmd := range p.running {
		sandbox.Kill(cmd)
	}
}

// sandboxCommand is sandbox.Command with the platform's binary and a fresh root.
func (p *Platform) sandboxCommand(spec sandbox.Spec, runDir string) (*exec.Cmd, error) {
	root, err := os.MkdirTemp(runDir, "root-")
	if err != nil {
		return nil, err
	}
	spec.Root = root
	spec.Env = append(spec.Env, MarkerEnv+"="+p.StateDir)
	spec.Mounts = append(spec.Mounts, sandbox.Mount{Source: p.dir("tools"), Target: toolsDir})
	return sandbox.Command(p.Self, spec)
}

func key(ns, name string) string { return ns + "/" + name }

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// cannotRun is the message of a workload the machine cannot run at all.
func cannotRun(what string, err error) string {
	return fmt.Sprintf("the dev cluster cannot run %s on this machine: %v", what, err)
}

// Collect stops the pods of TaskRuns and validation jobs whose objects are
// gone (uids are the live objects' UIDs) and the model servers of
// InferenceServices no longer executed (isvcs are the live ones, namespace/name),
// and forgets what finished for objects that are gone.
func (p *Platform) Collect(uids map[string]bool, isvcs map[string]bool) {
	owner := func(id string) string { uid, _, _ := strings.Cut(id, "/"); return uid }
	var stop []*Predictor
	p.mu.Lock()
	for id, e := range p.taskRuns {
		if !uids[owner(id)] {
			e.Cancel()
			delete(p.taskRuns, id)
		}
	}
	for id, e := range p.validators {
		if !uids[owner(id)] {
			e.Cancel()
			delete(p.validators, id)
		}
	}
	for _, pr := range p.predictors {
		if !isvcs[key(pr.Spec.Namespace, pr.Spec.ISVC)] {
			stop = append(stop, pr)
		}
	}
	p.mu.Unlock()
	for _, pr := range stop {
		p.StopPredictor(pr)
	}
}
