// Package corectl runs the few upstream kube-controller-manager controllers a
// dev cluster needs to behave like a real one for API clients, in-process and
// from the same pinned k8s.io/kubernetes module:
//
//   - namespace: deleting a namespace deletes its content and then the namespace
//     (without it a deleted namespace stays Terminating forever);
//   - garbage collector: deleting an owner deletes its dependents (PipelineRun →
//     TaskRuns → pods, BuildConfig → Builds, NVJ → validation pod);
//   - serviceaccount: every namespace gets its `default` ServiceAccount.
//
// No scheduler, kubelet or workload controllers run: pods are inert objects.
package corectl

import (
	"context"
	"fmt"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/metadata/metadatainformer"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/controller-manager/pkg/informerfactory"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller/garbagecollector"
	"k8s.io/kubernetes/pkg/controller/namespace"
	"k8s.io/kubernetes/pkg/controller/serviceaccount"
)

// Run starts the controllers and blocks until ctx ends.
func Run(ctx context.Context, cfg *rest.Config) error {
	cfg = rest.CopyConfig(cfg)
	cfg.QPS, cfg.Burst = 400, 800
	cfg.UserAgent = "devcluster-core-controllers"
	kube, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	meta, err := metadata.NewForConfig(cfg)
	if err != nil {
		return err
	}
	disco, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return err
	}
	shared := informers.NewSharedInformerFactory(kube, 0)
	metaInformers := metadatainformer.NewSharedInformerFactory(meta, 0)
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(disco))
	started := make(chan struct{})

	gc, err := garbagecollector.NewGarbageCollector(ctx, kube, meta, mapper, garbagecollector.DefaultIgnoredResources(),
		informerfactory.NewInformerFactory(shared, metaInformers), started)
	if err != nil {
		return fmt.Errorf("garbage collector: %w", err)
	}
	ns := namespace.NewNamespaceController(ctx, kube, meta, disco.ServerPreferredNamespacedResources,
		shared.Core().V1().Namespaces(), 5*time.Minute, v1.FinalizerKubernetes)
	sa, err := serviceaccount.NewServiceAccountsController(klog.FromContext(ctx), shared.Core().V1().ServiceAccounts(),
		shared.Core().V1().Namespaces(), kube, serviceaccount.DefaultServiceAccountsControllerOptions())
	if err != nil {
		return fmt.Errorf("serviceaccount controller: %w", err)
	}
	shared.Start(ctx.Done())
	metaInformers.Start(ctx.Done())
	close(started)

	go ns.Run(ctx, 5)
	go sa.Run(ctx, 2)
	go gc.Run(ctx, 5, 30*time.Second)
	// Re-discover resources (new CRDs) every 10s so their objects are collected too.
	go gc.Sync(ctx, disco, 10*time.Second)
	klog.FromContext(ctx).Info("core controllers running", "controllers", "namespace,garbage-collector,serviceaccount")
	<-ctx.Done()
	return nil
}
