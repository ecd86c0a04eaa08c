package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/cluster"
	"github.com/backstage-mlops/dev-cluster/internal/proc"
	"github.com/backstage-mlops/dev-cluster/internal/state"
)

func runUp(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("up", flag.ExitOnError)
	dir := stateDirFlag(fs)
	manifests := fs.String("manifests", "", "manifests dir with crds/ and rbac/ (default: $DEVCLUSTER_MANIFESTS or found upward from cwd)")
	binDir := fs.String("bin-dir", "", "dir holding etcd and kube-apiserver (default: this binary's dir)")
	noControllers := fs.Bool("no-controllers", false, "do not start the simulated controllers")
	demo := fs.Bool("demo-namespaces", false, "create the demo namespaces (mlops-demo, mlops-demo-team-b)")
	seed := fs.Int64("seed", 1, "seed of the simulated controllers' deterministic choices")
	step := fs.Duration("sim-step", time.Second, "how often the simulated controllers advance each object")
	ttl := fs.Duration("token-ttl", 24*time.Hour, "lifetime of the backend ServiceAccount token")
	timeout := fs.Duration("timeout", 60*time.Second, "how long to wait for the API server")
	quiet := fs.Bool("quiet", false, "print only the state file path")
	skipCRDs := fs.String("skip-crds", "", "comma-separated API groups whose CRDs are not installed, e.g. tekton.dev,triggers.tekton.dev (a cluster without Tekton)")
	noExecute := fs.Bool("no-execute", false, "simulate everything: run no step, notebook, build or model server")
	gitRoot := fs.String("git-root", "", "directory whose git repositories the cluster's git server serves (default: DIR/git)")
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return err
	}
	m, err := findManifests(*manifests)
	if err != nil {
		return err
	}
	self, sdir, err := selfDir()
	if err != nil {
		return err
	}
	if *binDir == "" {
		*binDir = sdir
	}
	for _, b := range []string{"etcd", "kube-apiserver"} {
		if _, err := os.Stat(filepath.Join(*binDir, b)); err != nil {
			return fmt.Errorf("%s not found in %s: build with packages/dev-cluster/go/build.sh", b, *binDir)
		}
	}
	logw := os.Stderr
	if *quiet {
		logw, _ = os.Open(os.DevNull)
	}
	st, err := cluster.Up(ctx, cluster.UpOptions{
		StateDir: d, BinDir: *binDir, Self: self, Manifests: m,
		Controllers: !*noControllers, DemoNamespaces: *demo, SimSeed: *seed, SimStep: *step,
		TokenTTL: *ttl, Timeout: *timeout, Log: logw, SkipCRDGroups: cluster.ParseGroups(*skipCRDs),
		Execute: !*noExecute, GitRoot: *gitRoot, CacheDir: cacheDir(),
	})
	if err != nil {
		return err
	}
	fmt.Println(state.Path(st.StateDir))
	return nil
}

func runDown(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("down", flag.ExitOnError)
	dir := stateDirFlag(fs)
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return err
	}
	return cluster.Down(d)
}

func runStatus(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("status", flag.ExitOnError)
	dir := stateDirFlag(fs)
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return err
	}
	st, err := state.Load(d)
	if err != nil {
		fmt.Println(`{"up":false}`)
		return err
	}
	alive := map[string]bool{"etcd": proc.Alive(st.Pids.Etcd), "apiserver": proc.Alive(st.Pids.APIServer), "shim": proc.Alive(st.Pids.Shim), "coreControllers": proc.Alive(st.Pids.Core)}
	if st.Controllers {
		alive["sim"] = proc.Alive(st.Pids.Sim)
	}
	up := true
	for _, a := range alive {
		up = up && a
	}
	ready := up && readyz(ctx, st)
	out, _ := json.MarshalIndent(map[string]interface{}{
		"up": ready, "server": st.Server, "apiServer": st.APIServer, "processes": alive, "state": state.Path(d), "version": st.Version,
	}, "", "  ")
	fmt.Println(string(out))
	if !ready {
		return fmt.Errorf("dev cluster in %s is not healthy", d)
	}
	return nil
}

// readyz asks the API server's /readyz through the shim, anonymously (allowed by
// the default system:public-info-viewer binding).
func readyz(ctx context.Context, st *state.State) bool {
	c, err := httpClientFor(st)
	if err != nil {
		return false
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, st.Server+"/readyz", nil)
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func runKubeconfig(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("kubeconfig", flag.ExitOnError)
	dir := stateDirFlag(fs)
	backend := fs.Bool("backend", false, "print the backend ServiceAccount kubeconfig instead of the admin one")
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return err
	}
	st, err := state.Load(d)
	if err != nil {
		return err
	}
	if *backend {
		fmt.Println(st.BackendKubeconfig)
	} else {
		fmt.Println(st.AdminKubeconfig)
	}
	return nil
}

// componentArg reads `<command> [--state-dir DIR] <apiserver|shim>`.
func componentArg(name string, args []string) (string, string, error) {
	fs := flag.NewFlagSet(name, flag.ExitOnError)
	dir := stateDirFlag(fs)
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return "", "", err
	}
	if fs.NArg() != 1 || !cluster.ValidComponent(fs.Arg(0)) {
		return "", "", fmt.Errorf("usage: devcluster %s --state-dir DIR %s|%s", name, cluster.ComponentAPIServer, cluster.ComponentShim)
	}
	return d, fs.Arg(0), nil
}

func runStopComponent(_ context.Context, args []string) error {
	d, c, err := componentArg("stop-component", args)
	if err != nil {
		return err
	}
	return cluster.StopComponent(d, c)
}

func runStartComponent(ctx context.Context, args []string) error {
	d, c, err := componentArg("start-component", args)
	if err != nil {
		return err
	}
	self, _, err := selfDir()
	if err != nil {
		return err
	}
	return cluster.StartComponent(ctx, d, self, c)
}

func runCompact(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("compact", flag.ExitOnError)
	dir := stateDirFlag(fs)
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return err
	}
	rev, err := cluster.Compact(ctx, d)
	if err != nil {
		return err
	}
	fmt.Println(rev)
	return nil
}
