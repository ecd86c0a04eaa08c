package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"sort"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/tools/cache"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// Runner applies the state machines to the live cluster: every step it
// advances each non-terminal object of the simulated kinds by one state.
type Runner struct {
	c       *kube.Clients
	seed    int64
	step    time.Duration
	logs    LogSink
	logf    func(string, ...interface{})
	listers map[schema.GroupVersionResource]cache.GenericLister
	clock   func() time.Time
	kinds   []schema.GroupVersionResource
	// platform executes what is not simulated (nil: everything is simulated).
	platform *execute.Platform
	// podDigests remembers the predictor pod statuses last written.
	podDigests map[string]string
	// predictorStates remembers each predictor pod's container state last
	// written, to record the Events of its changes.
	predictorStates map[string]execute.PredictorState
	events          *EventRecorder
}

// WithPlatform makes the runner execute every object that is not marked
// simulated (see Simulated) on the platform.
func (r *Runner) WithPlatform(p *execute.Platform) *Runner {
	r.platform = p
	return r
}

// executed reports whether the platform runs an object.
func (r *Runner) executed(u *unstructured.Unstructured) bool {
	return r.platform != nil && !Simulated(u)
}

// NewRunner makes a runner.
func NewRunner(c *kube.Clients, seed int64, step time.Duration, logs LogSink) *Runner {
	return &Runner{c: c, seed: seed, step: step, logs: logs, clock: time.Now, kinds: watched, podDigests: map[string]string{},
		predictorStates: map[string]execute.PredictorState{}, events: NewEventRecorder(c.Dynamic, time.Now),
		logf: log.New(os.Stderr, "sim ", log.LstdFlags|log.Lmicroseconds).Printf}
}

var watched = []schema.GroupVersionResource{kube.PipelineRun, kube.TaskRun, kube.NVJ, kube.Build, kube.ISVC, kube.Notebook}

// SkipGroups leaves out the kinds of the given API groups (a cluster started
// with `up --skip-crds` does not serve them, and an informer on a missing
// kind would never sync).
func (r *Runner) SkipGroups(groups []string) *Runner {
	r.kinds = KindsWithout(groups)
	return r
}

// KindsWithout is the simulated kinds minus those of the given API groups.
func KindsWithout(groups []string) []schema.GroupVersionResource {
	skip := map[string]bool{}
	for _, g := range groups {
		skip[g] = true
	}
	var kinds []schema.GroupVersionResource
	for _, gvr := range watched {
		if !skip[gvr.Group] {
			kinds = append(kinds, gvr)
		}
	}
	return kinds
}

// Run starts informers and ticks until ctx ends.
func (r *Runner) Run(ctx context.Context) error {
	// Skipped objects (history, scale data) never reach the simulator.
	f := dynamicinformer.NewFilteredDynamicSharedInformerFactory(r.c.Dynamic, 10*time.Minute, "", func(o *metav1.ListOptions) {
		o.LabelSelector = "!" + kube.LabelSkip
	})
	r.listers = map[schema.GroupVersionResource]cache.GenericLister{}
	for _, gvr := range r.kinds {
		r.listers[gvr] = f.ForResource(gvr).Lister()
	}
	if r.platform != nil && r.listers[kube.Build] != nil {
		// BuildConfigs only for their ConfigChange trigger (configChangeBuilds).
		r.listers[kube.BuildConfig] = f.ForResource(kube.BuildConfig).Lister()
	}
	f.Start(ctx.Done())
	for gvr, ok := range f.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return fmt.Errorf("informer for %s did not sync", gvr.Resource)
		}
	}
	r.logf("simulated controllers running (seed %d, step %s)", r.seed, r.step)
	t := time.NewTicker(r.step)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			r.Tick(ctx)
		}
	}
}

// Tick advances every live object once.
func (r *Runner) Tick(ctx context.Context) {
	if r.platform != nil {
		r.configChangeBuilds(ctx)
		defer r.collect()
	}
	for _, gvr := range r.kinds {
		objs, err := r.listers[gvr].List(labels.Everything())
		if err != nil {
			continue
		}
		var live []*unstructured.Unstructured
		for _, o := range objs {
			u, ok := o.(*unstructured.Unstructured)
			if ok && !Skipped(u) && u.GetDeletionTimestamp() == nil && !r.terminal(gvr, u) {
				live = append(live, u)
			}
		}
		sort.Slice(live, func(i, j int) bool { return key(live[i]) < key(live[j]) })
		for _, u := range live {
			if err := r.reconcile(ctx, gvr, u); err != nil {
				r.logf("%s %s: %v", gvr.Resource, key(u), err)
			}
			if gvr == kube.ISVC && r.executed(u) {
				if err := r.syncPredictorPods(ctx, u); err != nil {
					r.logf("predictor pods of %s: %v", key(u), err)
				}
			}
		}
	}
}

func key(u *unstructured.Unstructured) string { return u.GetNamespace() + "/" + u.GetName() }

// terminal filters finished objects cheaply (ISVC/Notebook never finish).
func (r *Runner) terminal(gvr schema.GroupVersionResource, u *unstructured.Unstructured) bool {
	switch gvr {
	case kube.PipelineRun, kube.TaskRun:
		done, _ := TaskRunDone(u)
		return done
	case kube.NVJ:
		return NVJTerminal(str(status(u), "phase"))
	case kube.Build:
		return BuildTerminal(str(status(u), "phase"))
	}
	return false
}

// reconcile computes the next status and writes it through the status
// subresource; on a 409 it refetches and recomputes (up to 5 times).
func (r *Runner) reconcile(ctx context.Context, gvr schema.GroupVersionResource, u *unstructured.Unstructured) error {
	ri := r.c.Dynamic.Resource(gvr).Namespace(u.GetNamespace())
	obj := u.DeepCopy()
	for attempt := 0; attempt < 5; attempt++ {
		env := Env{Now: r.clock(), Seed: r.seed, Logs: r.logs}
		st, changed, err := r.next(ctx, gvr, obj, env)
		if err != nil || !changed {
			return err
		}
		obj.Object["status"] = st
		updated, err := ri.UpdateStatus(ctx, obj, metav1.UpdateOptions{FieldManager: "devcluster-sim"})
		if err == nil {
			if gvr == kube.ISVC {
				if ev := ISVCReadinessEvent(updated, status(u), st); ev != nil {
					if err := r.events.Record(ctx, *ev); err != nil {
						r.logf("event for %s: %v", key(u), err)
					}
				}
			}
			if gvr == kube.Build && r.executed(updated) {
				if err := r.tagBuiltImage(ctx, updated); err != nil {
					return err
				}
				if err := r.recordBuildRevision(ctx, updated); err != nil {
					return err
				}
			}
			return r.syncPod(ctx, gvr, updated)
		}
		if apierrors.IsNotFound(err) {
			return nil
		}
		if !apierrors.IsConflict(err) {
			return err
		}
		fresh, gerr := ri.Get(ctx, u.GetName(), metav1.GetOptions{})
		if gerr != nil {
			return gerr
		}
		obj = fresh
	}
	return fmt.Errorf("gave up after repeated conflicts")
}

// syncPod keeps the pod object of a TaskRun or NVJ in step with its status.
func (r *Runner) syncPod(ctx context.Context, gvr schema.GroupVersionResource, u *unstructured.Unstructured) error {
	var pod *unstructured.Unstructured
	switch gvr {
	case kube.TaskRun:
		pod = TaskRunPod(u)
	case kube.NVJ:
		pod = NVJPod(u)
	}
	if pod == nil {
		return nil
	}
	pods := r.c.Dynamic.Resource(PodGVR).Namespace(pod.GetNamespace())
	st := pod.Object["status"]
	live, err := pods.Get(ctx, pod.GetName(), metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		delete(pod.Object, "status")
		live, err = pods.Create(ctx, pod, metav1.CreateOptions{FieldManager: "devcluster-sim"})
	}
	if err != nil {
		return fmt.Errorf("pod %s: %w", pod.GetName(), err)
	}
	live.Object["status"] = st
	if _, err := pods.UpdateStatus(ctx, live, metav1.UpdateOptions{FieldManager: "devcluster-sim"}); err != nil && !apierrors.IsConflict(err) {
		return fmt.Errorf("pod %s status: %w", pod.GetName(), err)
	}
	return nil
}

func (r *Runner) next(ctx context.Context, gvr schema.GroupVersionResource, u *unstructured.Unstructured, env Env) (map[string]interface{}, bool, error) {
	switch gvr {
	case kube.PipelineRun:
		return r.pipelineRun(ctx, u, env)
	case kube.TaskRun:
		ti := r.taskInfo(ctx, u)
		if r.platform != nil && !taskSimulated(u, ti) {
			st, changed := AdvanceExecutedTaskRun(u, ti, r.platform, env)
			return st, changed, nil
		}
		st, changed := AdvanceTaskRun(u, ti, env)
		return st, changed, nil
	case kube.NVJ:
		if r.executed(u) {
			st, changed := AdvanceExecutedNVJ(u, r.platform, r.platform.Logs, env)
			return st, changed, nil
		}
		st, changed := AdvanceNVJ(u, env)
		return st, changed, nil
	case kube.Build:
		if r.executed(u) {
			st, changed := AdvanceExecutedBuild(u, r.platform, env)
			return st, changed, nil
		}
		st, changed := AdvanceBuild(u, env)
		return st, changed, nil
	case kube.ISVC:
		if r.executed(u) {
			st, changed := AdvanceExecutedISVC(u, r.runtimeOf(ctx, u), r.platform, env)
			return st, changed, nil
		}
		st, changed := AdvanceISVC(u, r.runtimeOf(ctx, u), env)
		return st, changed, nil
	case kube.Notebook:
		st, changed := AdvanceNotebook(u, env)
		return st, changed, nil
	}
	return nil, false, nil
}

func (r *Runner) taskInfo(ctx context.Context, tr *unstructured.Unstructured) TaskInfo {
	if spec, ok, _ := unstructured.NestedMap(tr.Object, "spec", "taskSpec"); ok {
		return TaskInfoFromSpec("inline", spec)
	}
	name, _, _ := unstructured.NestedString(tr.Object, "spec", "taskRef", "name")
	t, err := r.c.Dynamic.Resource(kube.Task).Namespace(tr.GetNamespace()).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return TaskInfo{Name: name}
	}
	spec, _, _ := unstructured.NestedMap(t.Object, "spec")
	ti := TaskInfoFromSpec(name, spec)
	ti.Simulated = Simulated(t)
	return ti
}

// runtimeOf finds the ServingRuntime of an InferenceService the way KServe's
// predictor reconciler does: the one named in spec.predictor.model.runtime, else
// the first of the namespace that supports the model format with autoSelect.
func (r *Runner) runtimeOf(ctx context.Context, isvc *unstructured.Unstructured) RuntimeInfo {
	rts, err := r.c.Dynamic.Resource(kube.ServingRuntime).Namespace(isvc.GetNamespace()).List(ctx, metav1.ListOptions{})
	if err != nil {
		return RuntimeInfo{}
	}
	return ResolveRuntime(isvc, rts.Items)
}

// ResolveRuntime picks the ServingRuntime of an InferenceService among runtimes.
func ResolveRuntime(isvc *unstructured.Unstructured, runtimes []unstructured.Unstructured) RuntimeInfo {
	named, _, _ := unstructured.NestedString(isvc.Object, "spec", "predictor", "model", "runtime")
	format, _, _ := unstructured.NestedString(isvc.Object, "spec", "predictor", "model", "modelFormat", "name")
	_, containers, _ := unstructured.NestedSlice(isvc.Object, "spec", "predictor", "containers")
	if named == "" && format == "" && containers {
		return RuntimeInfo{Found: true} // a pod-style predictor needs no runtime
	}
	for i := range runtimes {
		rt := &runtimes[i]
		if named != "" && rt.GetName() != named {
			continue
		}
		if named == "" && !supportsAuto(rt, format) {
			continue
		}
		info := RuntimeInfo{Found: true, Name: rt.GetName(), Object: rt}
		cs, _, _ := unstructured.NestedSlice(rt.Object, "spec", "containers")
		for _, c := range cs {
			m, _ := c.(map[string]interface{})
			if str(m, "name") == "kserve-container" && str(m, "terminationMessagePolicy") == "FallbackToLogsOnError" {
				info.LogTailAsMessage = true
			}
		}
		return info
	}
	return RuntimeInfo{}
}

func supportsAuto(rt *unstructured.Unstructured, format string) bool {
	formats, _, _ := unstructured.NestedSlice(rt.Object, "spec", "supportedModelFormats")
	for _, f := range formats {
		m, _ := f.(map[string]interface{})
		if auto, _ := m["autoSelect"].(bool); auto && str(m, "name") == format {
			return true
		}
	}
	return false
}

// pipelineName is the Pipeline a run refers to in its namespace: pipelineRef.name
// or the cluster resolver's name param for kind pipeline.
func pipelineName(pr *unstructured.Unstructured) string {
	if name, _, _ := unstructured.NestedString(pr.Object, "spec", "pipelineRef", "name"); name != "" {
		return name
	}
	if resolver, _, _ := unstructured.NestedString(pr.Object, "spec", "pipelineRef", "resolver"); resolver == "cluster" {
		return PipelineLabel(pr)
	}
	return ""
}

func (r *Runner) pipelineRun(ctx context.Context, pr *unstructured.Unstructured, env Env) (map[string]interface{}, bool, error) {
	ns := pr.GetNamespace()
	spec, ok, _ := unstructured.NestedMap(pr.Object, "spec", "pipelineSpec")
	if stored, found, _ := unstructured.NestedMap(pr.Object, "status", "pipelineSpec"); found {
		spec, ok = stored, true // resolved once, as Tekton stores it
	}
	if !ok {
		name := pipelineName(pr)
		p, err := r.c.Dynamic.Resource(kube.Pipeline).Namespace(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil && !apierrors.IsNotFound(err) {
			return nil, false, err
		}
		if err == nil {
			spec, _, _ = unstructured.NestedMap(p.Object, "spec")
		}
	}
	// Tekton copies the Pipeline's annotations to its runs
	// (pkg/reconciler/pipelinerun storePipelineSpecAndMergeMeta): a simulated
	// Pipeline's runs are simulated, and so are their TaskRuns.
	if !Simulated(pr) && pipelineName(pr) != "" {
		if p, err := r.c.Dynamic.Resource(kube.Pipeline).Namespace(ns).Get(ctx, pipelineName(pr), metav1.GetOptions{}); err == nil && Simulated(p) {
			patch, _ := json.Marshal(map[string]interface{}{"metadata": map[string]interface{}{"annotations": map[string]interface{}{kube.AnnSimulate: "true"}}})
			if _, err := r.c.Dynamic.Resource(kube.PipelineRun).Namespace(ns).Patch(ctx, pr.GetName(), types.MergePatchType, patch, metav1.PatchOptions{FieldManager: "devcluster-sim"}); err != nil && !apierrors.IsNotFound(err) {
				return nil, false, err
			}
			ann := pr.GetAnnotations()
			if ann == nil {
				ann = map[string]string{}
			}
			ann[kube.AnnSimulate] = "true"
			pr.SetAnnotations(ann)
		}
	}
	children := map[string]*unstructured.Unstructured{}
	trs, err := r.c.Dynamic.Resource(kube.TaskRun).Namespace(ns).List(ctx, metav1.ListOptions{LabelSelector: "tekton.dev/pipelineRun=" + pr.GetName()})
	if err != nil {
		return nil, false, err
	}
	for i := range trs.Items {
		tr := &trs.Items[i]
		children[tr.GetLabels()["tekton.dev/pipelineTask"]] = tr
	}
	st, changed, act := AdvancePipelineRun(pr, spec, children, env)
	for _, tr := range act.Create {
		if _, err := r.c.Dynamic.Resource(kube.TaskRun).Namespace(ns).Create(ctx, tr, metav1.CreateOptions{FieldManager: "devcluster-sim"}); err != nil && !apierrors.IsAlreadyExists(err) {
			return nil, false, fmt.Errorf("create TaskRun %s: %w", tr.GetName(), err)
		}
	}
	for _, c := range act.Cancel {
		patch, _ := json.Marshal(map[string]interface{}{"spec": map[string]interface{}{"status": "TaskRunCancelled", "statusMessage": c.Message}})
		if _, err := r.c.Dynamic.Resource(kube.TaskRun).Namespace(ns).Patch(ctx, c.Name, types.MergePatchType, patch, metav1.PatchOptions{FieldManager: "devcluster-sim"}); err != nil && !apierrors.IsNotFound(err) {
			return nil, false, fmt.Errorf("cancel TaskRun %s: %w", c.Name, err)
		}
	}
	if len(act.Labels) > 0 {
		patch, _ := json.Marshal(map[string]interface{}{"metadata": map[string]interface{}{"labels": act.Labels}})
		if _, err := r.c.Dynamic.Resource(kube.PipelineRun).Namespace(ns).Patch(ctx, pr.GetName(), types.MergePatchType, patch, metav1.PatchOptions{FieldManager: "devcluster-sim"}); err != nil && !apierrors.IsNotFound(err) {
			return nil, false, fmt.Errorf("label PipelineRun %s: %w", pr.GetName(), err)
		}
	}
	return st, changed, nil
}
