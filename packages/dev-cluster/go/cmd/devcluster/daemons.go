package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"flag"
	"fmt"
	"net/http"
	"time"

	"github.com/backstage-mlops/dev-cluster/internal/admission"
	"github.com/backstage-mlops/dev-cluster/internal/certs"
	"github.com/backstage-mlops/dev-cluster/internal/cluster"
	"github.com/backstage-mlops/dev-cluster/internal/corectl"
	"github.com/backstage-mlops/dev-cluster/internal/execute"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/logstore"
	"github.com/backstage-mlops/dev-cluster/internal/shim"
	"github.com/backstage-mlops/dev-cluster/internal/sim"
	"github.com/backstage-mlops/dev-cluster/internal/state"
)

func runShim(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("shim", flag.ExitOnError)
	api := fs.String("api-server", "", "URL of the real kube-apiserver")
	listen := fs.String("listen", "", "host:port to serve on")
	pki := fs.String("pki", "", "PKI dir written by up")
	store := fs.String("log-store", "", "log store dir")
	_ = fs.Parse(args)
	if *api == "" || *listen == "" || *pki == "" || *store == "" {
		return fmt.Errorf("--api-server, --listen, --pki and --log-store are required")
	}
	s, err := shim.New(shim.Options{APIServer: *api, Listen: *listen, PKIDir: *pki, LogStore: *store})
	if err != nil {
		return err
	}
	return s.ListenAndServe(ctx, *listen)
}

func runSim(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("sim", flag.ExitOnError)
	api := fs.String("api-server", "", "URL of the real kube-apiserver")
	pki := fs.String("pki", "", "PKI dir written by up")
	store := fs.String("log-store", "", "log store dir")
	seed := fs.Int64("seed", 1, "seed of deterministic choices")
	step := fs.Duration("sim-step", time.Second, "advance interval")
	skip := fs.String("skip-groups", "", "comma-separated API groups the cluster does not serve (up --skip-crds)")
	stateDir := fs.String("state-dir", "", "the cluster's state dir (the execution platform's files; none: everything is simulated)")
	server := fs.String("server", "", "URL pods use for the API server (the shim)")
	kubectl := fs.String("kubectl", "", "kubectl binary (steps get it as kubectl and oc)")
	pythonDir := fs.String("python-dir", "", "packages/dev-cluster/python")
	cache := fs.String("cache-dir", "", "cache of the Python environments")
	serviceListen := fs.String("service-listen", "", "host:port of the service network (a forward proxy)")
	gitListen := fs.String("git-listen", "", "host:port of the git server")
	gitRoot := fs.String("git-root", "", "directory the git server serves")
	_ = fs.Parse(args)
	if *api == "" || *pki == "" || *store == "" {
		return fmt.Errorf("--api-server, --pki and --log-store are required")
	}
	f := certs.FilesIn(*pki)
	c, err := kube.NewClients(kube.CertConfig(*api, f, f.ShimCert, f.ShimKey))
	if err != nil {
		return err
	}
	logs := logstore.New(*store)
	runner := sim.NewRunner(c, *seed, *step, logs).SkipGroups(cluster.ParseGroups(*skip))
	if *stateDir == "" {
		return runner.Run(ctx)
	}
	self, _, err := selfDir()
	if err != nil {
		return err
	}
	services := execute.NewServiceNetwork()
	platform, err := execute.New(execute.Config{Clients: c, Self: self, StateDir: *stateDir, Server: *server, CAFile: f.CACert,
		Kubectl: *kubectl, PythonDir: *pythonDir, CacheDir: *cache, Logs: logs, Services: services})
	if err != nil {
		return err
	}
	defer platform.Shutdown()
	errs := make(chan error, 3)
	go func() { errs <- services.Serve(ctx, *serviceListen) }()
	go func() { errs <- (&execute.GitServer{Root: *gitRoot}).Serve(ctx, *gitListen) }()
	go func() { errs <- runner.WithPlatform(platform).Run(ctx) }()
	for i := 0; i < 3; i++ {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

func runCore(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("core", flag.ExitOnError)
	api := fs.String("api-server", "", "URL of the real kube-apiserver")
	pki := fs.String("pki", "", "PKI dir written by up")
	admissionListen := fs.String("admission-listen", "", "host:port of the Tekton validating webhook (none when empty)")
	flagsNamespace := fs.String("feature-flags-namespace", cluster.TektonNamespace, "namespace of Tekton's feature-flags ConfigMap")
	_ = fs.Parse(args)
	if *api == "" || *pki == "" {
		return fmt.Errorf("--api-server and --pki are required")
	}
	f := certs.FilesIn(*pki)
	cfg := kube.CertConfig(*api, f, f.ShimCert, f.ShimKey)
	if *admissionListen == "" {
		return corectl.Run(ctx, cfg)
	}
	// The webhook runs next to the core controllers: both are part of any real
	// cluster, and neither is stopped by the outage hooks.
	c, err := kube.NewClients(cfg)
	if err != nil {
		return err
	}
	flags, err := admission.WatchFeatureFlags(ctx, c.Kube, *flagsNamespace, "feature-flags")
	if err != nil {
		return err
	}
	errs := make(chan error, 2)
	go func() {
		errs <- admission.Serve(ctx, *admissionListen, f.ServingCert, f.ServingKey, &admission.Handler{Flags: flags})
	}()
	go func() { errs <- corectl.Run(ctx, cfg) }()
	if err := <-errs; err != nil {
		return err
	}
	return <-errs
}

// httpClientFor trusts the cluster CA (no client identity).
func httpClientFor(st *state.State) (*http.Client, error) {
	ca, err := base64.StdEncoding.DecodeString(st.CAData)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}, nil
}
