// Package scale makes the benchmark data set: many PipelineRuns, NVJs,
// Builds and InferenceServices with final statuses over many namespaces,
// written concurrently by a bounded worker pool. Everything carries
// sim.mlops.dev/skip, so the simulated controllers ignore it.
package scale

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/backstage-mlops/dev-cluster/internal/cluster"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// Options size the data set.
type Options struct {
	Namespaces, PipelineRuns, NVJs, Builds, ISVCs, Workers int
	Seed                                                   int64
	Now                                                    time.Time
	Log                                                    io.Writer
}

// Defaults is the benchmark set of issue #3.
func Defaults() Options {
	return Options{Namespaces: 50, PipelineRuns: 10000, NVJs: 5000, Builds: 2000, ISVCs: 1000, Workers: 32, Seed: 1}
}

// Result summarises a run.
type Result struct {
	Objects, Requests int64
	Took              time.Duration
	o                 Options
}

func (r Result) String() string {
	return fmt.Sprintf("scale: %d objects (%d PipelineRuns, %d NotebookValidationJobs, %d Builds, %d InferenceServices, plus BuildConfigs and %d namespaces) in %.1fs: %.0f objects/s, %d API requests",
		r.Objects, r.o.PipelineRuns, r.o.NVJs, r.o.Builds, r.o.ISVCs, r.o.Namespaces, r.Took.Seconds(), float64(r.Objects)/r.Took.Seconds(), r.Requests)
}

// NamespaceName is the i-th scale namespace.
func NamespaceName(i int) string { return fmt.Sprintf("mlops-scale-%02d", i) }

type job struct {
	gvr schema.GroupVersionResource
	obj *unstructured.Unstructured
}

// Run creates the data set (objects that already exist get their status
// re-applied, so a second run does not duplicate anything).
func Run(ctx context.Context, c *kube.Clients, o Options) (Result, error) {
	if o.Now.IsZero() {
		o.Now = time.Now().UTC()
	}
	if o.Namespaces < 1 || o.Workers < 1 {
		return Result{}, fmt.Errorf("need at least one namespace and one worker")
	}
	t0 := time.Now()
	for i := 0; i < o.Namespaces; i++ {
		if err := cluster.EnsureNamespace(ctx, c, NamespaceName(i), map[string]string{"mlops.dev/scale": "true"}); err != nil {
			return Result{}, err
		}
	}
	var objects, requests atomic.Int64
	jobs := make(chan job, 4*o.Workers)
	errs := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				n, err := write(ctx, c, j)
				requests.Add(int64(n))
				if err != nil {
					select {
					case errs <- fmt.Errorf("%s %s/%s: %w", j.gvr.Resource, j.obj.GetNamespace(), j.obj.GetName(), err):
					default:
					}
					cancel()
					continue
				}
				objects.Add(1)
			}
		}()
	}
	stopProgress := progress(o.Log, &objects, t0)
	g := gen{o: o}
	produce := func(gvr schema.GroupVersionResource, n int, mk func(int) *unstructured.Unstructured) {
		for i := 0; i < n && ctx.Err() == nil; i++ {
			select {
			case jobs <- job{gvr, mk(i)}:
			case <-ctx.Done():
			}
		}
	}
	models := o.ISVCs
	if models < 1 {
		models = o.Namespaces
	}
	produce(kube.BuildConfig, models, g.buildConfig)
	produce(kube.ISVC, o.ISVCs, g.isvc)
	produce(kube.PipelineRun, o.PipelineRuns, g.pipelineRun)
	produce(kube.NVJ, o.NVJs, g.nvj)
	produce(kube.Build, o.Builds, g.build)
	close(jobs)
	wg.Wait()
	stopProgress()
	select {
	case err := <-errs:
		return Result{}, err
	default:
	}
	return Result{Objects: objects.Load(), Requests: requests.Load(), Took: time.Since(t0), o: o}, nil
}

// write creates the object and then writes its status (the status
// subresource ignores status on create). It returns the requests made.
func write(ctx context.Context, c *kube.Clients, j job) (int, error) {
	ri := c.Dynamic.Resource(j.gvr).Namespace(j.obj.GetNamespace())
	st, hasStatus := j.obj.Object["status"]
	created, err := ri.Create(ctx, j.obj, metav1.CreateOptions{FieldManager: "devcluster-scale"})
	if apierrors.IsAlreadyExists(err) {
		if !hasStatus {
			return 1, nil
		}
		j.obj.Object["status"] = st
		return 2, kube.ApplyStatus(ctx, c, j.gvr, j.obj)
	}
	if err != nil || !hasStatus {
		return 1, err
	}
	created.Object["status"] = st
	_, err = ri.UpdateStatus(ctx, created, metav1.UpdateOptions{FieldManager: "devcluster-scale"})
	return 2, err
}

func progress(w io.Writer, n *atomic.Int64, t0 time.Time) func() {
	if w == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fmt.Fprintf(w, "scale: %d objects after %.0fs\n", n.Load(), time.Since(t0).Seconds())
			}
		}
	}()
	return func() { close(done) }
}
