package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/shim"
)

// configChangeBuilds starts build 1 of every executed BuildConfig that has a
// ConfigChange trigger and no build yet, as OpenShift's build config
// controller does when such a BuildConfig is created
// (openshift/openshift-controller-manager pkg/build/controller/buildconfig).
func (r *Runner) configChangeBuilds(ctx context.Context) {
	lister := r.listers[kube.BuildConfig]
	if lister == nil {
		return
	}
	objs, err := lister.List(labels.Everything())
	if err != nil {
		return
	}
	for _, o := range objs {
		bc, ok := o.(*unstructured.Unstructured)
		if !ok || Skipped(bc) || !r.executed(bc) || bc.GetDeletionTimestamp() != nil {
			continue
		}
		if last, _, _ := unstructured.NestedInt64(bc.Object, "status", "lastVersion"); last > 0 {
			continue
		}
		triggers, _, _ := unstructured.NestedSlice(bc.Object, "spec", "triggers")
		configChange := false
		for _, t := range triggers {
			if m, _ := t.(map[string]interface{}); m["type"] == "ConfigChange" {
				configChange = true
			}
		}
		if !configChange {
			continue
		}
		req := &shim.BuildRequest{TriggeredBy: []map[string]interface{}{{"message": "Build configuration change"}}}
		if b, err := shim.InstantiateBuild(ctx, r.c.Dynamic, bc.GetNamespace(), bc.GetName(), req); err != nil {
			r.logf("config change build of %s: %v", key(bc), err)
		} else {
			r.logf("config change: started build %s/%s", b.GetNamespace(), b.GetName())
		}
	}
}

// tagBuiltImage records a completed build's image in its output ImageStream
// (created when missing, as a push to the integrated registry does).
func (r *Runner) tagBuiltImage(ctx context.Context, b *unstructured.Unstructured) error {
	phase, _, _ := unstructured.NestedString(b.Object, "status", "phase")
	digest, _, _ := unstructured.NestedString(b.Object, "status", "output", "to", "imageDigest")
	kind, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "kind")
	if phase != "Complete" || digest == "" || kind != "ImageStreamTag" {
		return nil
	}
	target, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "name")
	ns, _, _ := unstructured.NestedString(b.Object, "spec", "output", "to", "namespace")
	if ns == "" {
		ns = b.GetNamespace()
	}
	name, tag, ok := strings.Cut(target, ":")
	if !ok {
		tag = "latest"
	}
	streams := r.c.Dynamic.Resource(kube.ImageStream).Namespace(ns)
	for attempt := 0; attempt < 5; attempt++ {
		is, err := streams.Get(ctx, name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			is, err = streams.Create(ctx, &unstructured.Unstructured{Object: map[string]interface{}{
				"apiVersion": "image.openshift.io/v1", "kind": "ImageStream",
				"metadata": map[string]interface{}{"name": name, "namespace": ns},
			}}, metav1.CreateOptions{FieldManager: "devcluster-sim"})
		}
		if err != nil {
			return fmt.Errorf("image stream %s/%s: %w", ns, name, err)
		}
		TaggedImage(is, tag, digest, time.Now().UTC().Format(time.RFC3339), is.GetGeneration())
		if _, err := streams.UpdateStatus(ctx, is, metav1.UpdateOptions{FieldManager: "devcluster-sim"}); err == nil || !apierrors.IsConflict(err) {
			return err
		}
	}
	return fmt.Errorf("image stream %s/%s: repeated conflicts", ns, name)
}

// syncPredictorPods keeps the pod objects of an executed InferenceService's
// model servers: one per running predictor, gone when it stops.
func (r *Runner) syncPredictorPods(ctx context.Context, isvc *unstructured.Unstructured) error {
	pods := r.c.Dynamic.Resource(PodGVR).Namespace(isvc.GetNamespace())
	want := map[string]bool{}
	for _, pr := range r.platform.Predictors(isvc.GetNamespace(), isvc.GetName()) {
		pod := PredictorPod(isvc, pr)
		want[pod.GetName()] = true
		st := pod.Object["status"].(map[string]interface{})
		digest := podDigest(st)
		k := isvc.GetNamespace() + "/" + pod.GetName()
		if r.podDigests[k] == digest {
			continue
		}
		live, err := pods.Get(ctx, pod.GetName(), metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			delete(pod.Object, "status")
			live, err = pods.Create(ctx, pod, metav1.CreateOptions{FieldManager: "devcluster-sim"})
		}
		if err != nil {
			return err
		}
		live.Object["status"] = st
		if _, err := pods.UpdateStatus(ctx, live, metav1.UpdateOptions{FieldManager: "devcluster-sim"}); err != nil {
			return err
		}
		r.podDigests[k] = digest
		cur := pr.State()
		var prev *execute.PredictorState
		if p, ok := r.predictorStates[k]; ok {
			prev = &p
		}
		r.predictorStates[k] = cur
		for _, ev := range PredictorPodEvents(live, prev, cur) {
			if err := r.events.Record(ctx, ev); err != nil {
				r.logf("event for pod %s: %v", k, err)
			}
		}
	}
	list, err := pods.List(ctx, metav1.ListOptions{LabelSelector: "serving.kserve.io/inferenceservice=" + isvc.GetName()})
	if err != nil {
		return err
	}
	for _, p := range list.Items {
		if !want[p.GetName()] && p.GetLabels()["component"] == "predictor" {
			// No kubelet confirms a graceful deletion: the pod goes at once, as a
			// kubelet would remove it once its server stopped.
			zero := int64(0)
			if err := r.events.Record(ctx, PredictorPodStoppedEvent(&p)); err != nil {
				r.logf("event for pod %s: %v", p.GetName(), err)
			}
			if err := pods.Delete(ctx, p.GetName(), metav1.DeleteOptions{GracePeriodSeconds: &zero}); err != nil && !apierrors.IsNotFound(err) {
				return err
			}
			delete(r.podDigests, isvc.GetNamespace()+"/"+p.GetName())
			delete(r.predictorStates, isvc.GetNamespace()+"/"+p.GetName())
		}
	}
	return nil
}

// podDigest is what of a pod status matters for a rewrite (not its times).
func podDigest(st map[string]interface{}) string {
	cp := deepCopy(st)
	delete(cp, "conditions")
	raw, _ := json.Marshal(cp)
	ready := ""
	for _, c := range asSlice(st["conditions"]) {
		m, _ := c.(map[string]interface{})
		if m["type"] == "Ready" {
			ready, _ = m["status"].(string)
		}
	}
	return string(raw) + ready
}

// collect stops what the platform runs for objects that are gone or finished
// being executed: TaskRun pods of deleted TaskRuns, validation pods of
// deleted jobs, model servers of deleted InferenceServices.
func (r *Runner) collect() {
	uids := map[string]bool{}
	for _, gvr := range []schema.GroupVersionResource{kube.TaskRun, kube.NVJ} {
		lister := r.listers[gvr]
		if lister == nil {
			continue
		}
		objs, _ := lister.List(labels.Everything())
		for _, o := range objs {
			if u, ok := o.(*unstructured.Unstructured); ok && u.GetDeletionTimestamp() == nil {
				uids[string(u.GetUID())] = true
			}
		}
	}
	isvcs := map[string]bool{}
	if lister := r.listers[kube.ISVC]; lister != nil {
		objs, _ := lister.List(labels.Everything())
		for _, o := range objs {
			if u, ok := o.(*unstructured.Unstructured); ok && r.executed(u) && u.GetDeletionTimestamp() == nil {
				isvcs[key(u)] = true
			}
		}
	}
	r.platform.Collect(uids, isvcs)
}

// recordBuildRevision writes the commit an executed build fetched into its
// spec.revision, as OpenShift's builder does once it has cloned the source
// (openshift/builder pkg/build/builder, updateBuildRevision, through the
// builds/details subresource): type Git, git.commit, message, author and
// committer. A revision already set (e.g. by `oc start-build --commit`) stays.
func (r *Runner) recordBuildRevision(ctx context.Context, b *unstructured.Unstructured) error {
	if _, set, _ := unstructured.NestedMap(b.Object, "spec", "revision"); set {
		return nil
	}
	e := r.platform.Build(b)
	if e == nil {
		return nil
	}
	rev := e.Progress().Revision
	if rev == nil || rev.Commit == "" {
		return nil
	}
	user := func(name, email string) map[string]interface{} {
		return map[string]interface{}{"name": name, "email": email}
	}
	revision := map[string]interface{}{"type": "Git", "git": map[string]interface{}{
		"commit": rev.Commit, "message": rev.Message,
		"author": user(rev.AuthorName, rev.AuthorEmail), "committer": user(rev.CommitterName, rev.CommitterEmail),
	}}
	patch, err := json.Marshal(map[string]interface{}{"spec": map[string]interface{}{"revision": revision}})
	if err != nil {
		return err
	}
	_, err = r.c.Dynamic.Resource(kube.Build).Namespace(b.GetNamespace()).Patch(ctx, b.GetName(), types.MergePatchType, patch, metav1.PatchOptions{FieldManager: "devcluster-sim"})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}
