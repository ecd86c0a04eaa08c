package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/cluster"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/logstore"
	"github.com/backstage-mlops/dev-cluster/internal/scale"
	"github.com/backstage-mlops/dev-cluster/internal/seed"
	"github.com/backstage-mlops/dev-cluster/internal/state"
)

func adminClients(dir string, qps float32, burst int) (*state.State, *kube.Clients, error) {
	st, err := state.Load(dir)
	if err != nil {
		return nil, nil, err
	}
	cfg := kube.AdminConfig(st.APIServer, cluster.Layout{Dir: dir}.PKI())
	cfg.QPS, cfg.Burst = qps, burst
	c, err := kube.NewClients(cfg)
	return st, c, err
}

func runSeed(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ExitOnError)
	dir := stateDirFlag(fs)
	manifests := fs.String("manifests", "", "manifests dir (default: found like `up` does)")
	baseFlag := fs.String("base", "", "RFC3339 instant the history ends at (default: now, truncated to the hour)")
	seedN := fs.Int64("seed", 1, "seed of names, durations and outcomes")
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return err
	}
	m, err := findManifests(*manifests)
	if err != nil {
		return err
	}
	base := time.Now().UTC().Truncate(time.Hour)
	if *baseFlag != "" {
		if base, err = time.Parse(time.RFC3339, *baseFlag); err != nil {
			return fmt.Errorf("--base: %w", err)
		}
	}
	st, c, err := adminClients(d, 200, 400)
	if err != nil {
		return err
	}
	t0 := time.Now()
	stats, err := seed.Run(ctx, c, seed.Options{Base: base, Seed: *seedN, Store: logstore.New(st.LogStoreDir), Manifests: m, Log: os.Stderr})
	if err != nil {
		return err
	}
	fmt.Printf("seeded %d objects (%d PipelineRuns, %d TaskRuns, %d NotebookValidationJobs, %d Builds, %d pods) in %.1fs, history ending %s\n",
		stats.Objects, stats.PipelineRuns, stats.TaskRuns, stats.NVJs, stats.Builds, stats.Pods, time.Since(t0).Seconds(), base.Format(time.RFC3339))
	return nil
}

func runScale(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("scale", flag.ExitOnError)
	dir := stateDirFlag(fs)
	o := scale.Defaults()
	fs.IntVar(&o.Namespaces, "namespaces", o.Namespaces, "namespaces to spread objects over")
	fs.IntVar(&o.PipelineRuns, "pipelineruns", o.PipelineRuns, "PipelineRuns to create")
	fs.IntVar(&o.NVJs, "nvjs", o.NVJs, "NotebookValidationJobs to create")
	fs.IntVar(&o.Builds, "builds", o.Builds, "Builds to create")
	fs.IntVar(&o.ISVCs, "isvcs", o.ISVCs, "InferenceServices to create")
	fs.IntVar(&o.Workers, "workers", o.Workers, "concurrent writers")
	fs.Int64Var(&o.Seed, "seed", o.Seed, "seed of names and outcomes")
	_ = fs.Parse(args)
	d, err := absDir(*dir)
	if err != nil {
		return err
	}
	_, c, err := adminClients(d, 5000, 10000)
	if err != nil {
		return err
	}
	o.Log = os.Stderr
	res, err := scale.Run(ctx, c, o)
	if err != nil {
		return err
	}
	fmt.Println(res)
	return nil
}
