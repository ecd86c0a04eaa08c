// Command devcluster starts, seeds, scales and stops a
// local Kubernetes control plane for backstage-mlops tests and demos.
//
//	devcluster up     --state-dir DIR [--manifests DIR] [--no-controllers] [--demo-namespaces] [--seed N] [--sim-step D]
//	devcluster seed   --state-dir DIR [--base RFC3339]
//	devcluster scale  --state-dir DIR [--pipelineruns N --nvjs N --builds N --isvcs N --namespaces N --workers N]
//	devcluster status --state-dir DIR
//	devcluster kubeconfig --state-dir DIR [--backend]
//	devcluster stop-component  --state-dir DIR apiserver|shim
//	devcluster start-component --state-dir DIR apiserver|shim
//	devcluster compact --state-dir DIR
//	devcluster down   --state-dir DIR
//
// `shim`, `core` and `sim` are the daemons `up` starts; they are not meant to be run by hand.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/backstage-mlops/dev-cluster/internal/sandbox"
)

type command struct {
	run   func(ctx context.Context, args []string) error
	usage string
}

var commands = map[string]command{
	"up":              {runUp, "start a dev cluster (detached) and write DIR/state.json"},
	"down":            {runDown, "stop everything `up` started and delete the state dir"},
	"status":          {runStatus, "print whether the cluster in the state dir is up (exit 1 if not)"},
	"seed":            {runSeed, "create the demo data set (idempotent)"},
	"scale":           {runScale, "create the benchmark data set"},
	"kubeconfig":      {runKubeconfig, "print the admin (or --backend) kubeconfig path"},
	"stop-component":  {runStopComponent, "stop the API server or the shim (an outage for tests; etcd keeps the data)"},
	"start-component": {runStartComponent, "start a stopped API server or shim again, same port and flags"},
	"compact":         {runCompact, "compact etcd at its current revision (older resourceVersions expire); prints it"},
	"shim":            {runShim, "(internal) serve the shim in front of the API server"},
	"sim":             {runSim, "(internal) run the simulated controllers"},
	"core":            {runCore, "(internal) run the namespace, garbage-collector and serviceaccount controllers"},
}

func main() {
	// A sandboxed process of the execution platform starts as this binary
	// (internal/sandbox): build its file tree and become the command.
	if len(os.Args) > 1 && os.Args[1] == sandbox.InitCommand {
		err := sandbox.Init()
		fmt.Fprintf(os.Stderr, "devcluster sandbox: %v\n", err)
		os.Exit(127)
	}
	if len(os.Args) < 2 || commands[os.Args[1]].run == nil {
		fmt.Fprintln(os.Stderr, "usage: devcluster <command> [flags]\n\ncommands:")
		for _, n := range []string{"up", "seed", "scale", "status", "kubeconfig", "stop-component", "start-component", "compact", "down"} {
			fmt.Fprintf(os.Stderr, "  %-15s %s\n", n, commands[n].usage)
		}
		fmt.Fprintln(os.Stderr, "\nrun `devcluster <command> -h` for flags; see packages/dev-cluster/GO.md")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := commands[os.Args[1]].run(ctx, os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "devcluster %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}
