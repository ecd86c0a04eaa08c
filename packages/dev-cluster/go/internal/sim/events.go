package sim

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
)

// EventGVR is core/v1 events, the kind `kubectl describe` and `kubectl get
// events` read.
var EventGVR = schema.GroupVersionResource{Version: "v1", Resource: "events"}

// EventSpec is one core/v1 Event as a component records it: about an object
// (and, for a container, its fieldPath `spec.containers{<name>}`), of type
// Normal or Warning, with a CamelCase reason and a message.
type EventSpec struct {
	Object    *unstructured.Unstructured
	FieldPath string
	Type      string
	Reason    string
	Message   string
	// Component is the event's source.component (`kubelet`,
	// `default-scheduler`, `v1beta1Controllers` for KServe's controller).
	Component string
	Host      string
}

// The reasons and messages below are the kubelet's (kubernetes/kubernetes
// pkg/kubelet/events/event.go for the reasons;
// pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer for
// "Created container: <name>" and "Started container <name>", and
// doBackOff for "Back-off restarting failed container <name> in pod
// <pod>"; pkg/kubelet/images/image_manager.go for "Container image %q
// already present on machine"; killContainer for "Stopping container
// <name>") and the scheduler's (pkg/scheduler/schedule_one.go: Scheduled,
// "Successfully assigned <ns>/<pod> to <node>").

// PredictorPodEvents are the Events a scheduler and kubelet record for a
// predictor pod whose kserve-container went from prev to cur (prev nil: the
// pod was just created). The pod must carry its uid.
func PredictorPodEvents(pod *unstructured.Unstructured, prev *execute.PredictorState, cur execute.PredictorState) []EventSpec {
	const container = "kserve-container"
	fieldPath := "spec.containers{" + container + "}"
	kubelet := func(typ, reason, message string) EventSpec {
		return EventSpec{Object: pod, FieldPath: fieldPath, Type: typ, Reason: reason, Message: message, Component: "kubelet", Host: NodeName}
	}
	var out []EventSpec
	if prev == nil {
		out = append(out, EventSpec{Object: pod, Type: "Normal", Reason: "Scheduled", Component: "default-scheduler",
			Message: fmt.Sprintf("Successfully assigned %s/%s to %s", pod.GetNamespace(), pod.GetName(), NodeName)})
		prev = &execute.PredictorState{}
	}
	image := ""
	if cs, ok, _ := unstructured.NestedSlice(pod.Object, "spec", "containers"); ok && len(cs) > 0 {
		image, _ = cs[0].(map[string]interface{})["image"].(string)
	}
	// The kubelet backs off every restart of a container of a pod that restarts
	// Always, whatever its exit code (MLServer exits 0 when its model does not
	// load): kuberuntime_manager.go doBackOff.
	if cur.LastTerminated != nil && cur.Restarts > prev.Restarts {
		out = append(out, kubelet("Warning", "BackOff",
			fmt.Sprintf("Back-off restarting failed container %s in pod %s_%s(%s)", container, pod.GetName(), pod.GetNamespace(), pod.GetUID())))
	}
	if cur.Waiting != nil && (prev.Waiting == nil || prev.Waiting.Reason != cur.Waiting.Reason) &&
		cur.Waiting.Reason != "CrashLoopBackOff" && cur.Waiting.Reason != "ContainerCreating" {
		out = append(out, kubelet("Warning", "Failed", "Error: "+firstLine(cur.Waiting.Message)))
	}
	if !cur.Started.IsZero() && !cur.Started.Equal(prev.Started) {
		out = append(out,
			kubelet("Normal", "Pulled", fmt.Sprintf("Container image %q already present on machine", image)),
			kubelet("Normal", "Created", "Created container: "+container),
			kubelet("Normal", "Started", "Started container "+container))
	}
	return out
}

// PredictorPodStoppedEvent is the kubelet's Killing event for a predictor pod
// whose server stops (an older generation replaced, the ISVC stopped).
func PredictorPodStoppedEvent(pod *unstructured.Unstructured) EventSpec {
	return EventSpec{Object: pod, FieldPath: "spec.containers{kserve-container}", Type: "Normal", Reason: "Killing",
		Message: "Stopping container kserve-container", Component: "kubelet", Host: NodeName}
}

// ISVCReadinessEvent is the Event KServe's InferenceService controller records
// when the Ready condition changes (kserve/kserve
// pkg/controller/v1beta1/inferenceservice/controller.go, Reconcile:
// Normal InferenceServiceReady "InferenceService [<name>] is Ready" when it
// becomes True; Warning InferenceServiceNotReady "InferenceService [<name>]
// is no longer Ready because of: <failed conditions>" when a Ready one stops
// being so). Nil when the readiness did not change that way.
func ISVCReadinessEvent(isvc *unstructured.Unstructured, before, after map[string]interface{}) *EventSpec {
	was, _ := conditionStatus(before, "Ready")
	is, _ := conditionStatus(after, "Ready")
	ev := EventSpec{Object: isvc, Component: "v1beta1Controllers"}
	switch {
	case was != "True" && is == "True":
		ev.Type, ev.Reason, ev.Message = "Normal", "InferenceServiceReady", fmt.Sprintf("InferenceService [%s] is Ready", isvc.GetName())
	case was == "True" && is != "True":
		var failed []string
		for _, x := range asSlice(after["conditions"]) {
			m, _ := x.(map[string]interface{})
			if str(m, "status") == "False" {
				failed = append(failed, str(m, "type"))
			}
		}
		ev.Type, ev.Reason = "Warning", "InferenceServiceNotReady"
		ev.Message = fmt.Sprintf("InferenceService [%s] is no longer Ready because of: %v", isvc.GetName(), failed)
	default:
		return nil
	}
	return &ev
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// EventRecorder writes Events the way client-go's recorder does
// (kubernetes/client-go tools/record/event.go makeEvent: the name
// `<object>.<unix nanos in hex>`, firstTimestamp = lastTimestamp, count 1;
// tools/record/events_cache.go EventCorrelator: an Event with the same
// source, object, type, reason and message as an earlier one raises that
// one's count and lastTimestamp instead of creating another).
type EventRecorder struct {
	client dynamic.Interface
	now    func() time.Time
	mu     sync.Mutex
	// seen maps an Event's identity to its name, for the count.
	seen map[string]string
}

// NewEventRecorder makes a recorder that writes through client.
func NewEventRecorder(client dynamic.Interface, now func() time.Time) *EventRecorder {
	return &EventRecorder{client: client, now: now, seen: map[string]string{}}
}

// Record creates the Event, or raises the count of the same earlier one.
func (r *EventRecorder) Record(ctx context.Context, ev EventSpec) error {
	o := ev.Object
	key := strings.Join([]string{ev.Component, ev.Host, o.GetAPIVersion(), o.GetKind(), o.GetNamespace(), o.GetName(),
		string(o.GetUID()), ev.FieldPath, ev.Type, ev.Reason, ev.Message}, "\x00")
	now := r.now().UTC()
	ts := now.Format(time.RFC3339)
	events := r.client.Resource(EventGVR).Namespace(o.GetNamespace())
	r.mu.Lock()
	name, seen := r.seen[key]
	r.mu.Unlock()
	if seen {
		live, err := events.Get(ctx, name, metav1.GetOptions{})
		if err == nil {
			count, _, _ := unstructured.NestedInt64(live.Object, "count")
			live.Object["count"] = count + 1
			live.Object["lastTimestamp"] = ts
			_, err = events.Update(ctx, live, metav1.UpdateOptions{FieldManager: "devcluster-sim"})
			return err
		}
		if !apierrors.IsNotFound(err) {
			return err
		}
		// Expired (the API server keeps Events for an hour): record anew.
	}
	name = fmt.Sprintf("%s.%x", o.GetName(), now.UnixNano())
	involved := map[string]interface{}{"apiVersion": o.GetAPIVersion(), "kind": o.GetKind(), "namespace": o.GetNamespace(),
		"name": o.GetName(), "uid": string(o.GetUID()), "resourceVersion": o.GetResourceVersion()}
	if ev.FieldPath != "" {
		involved["fieldPath"] = ev.FieldPath
	}
	source := map[string]interface{}{"component": ev.Component}
	if ev.Host != "" {
		source["host"] = ev.Host
	}
	obj := &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "v1", "kind": "Event",
		"metadata":       map[string]interface{}{"name": name, "namespace": o.GetNamespace()},
		"involvedObject": involved, "reason": ev.Reason, "message": ev.Message, "type": ev.Type,
		"source": source, "firstTimestamp": ts, "lastTimestamp": ts, "count": int64(1),
		"reportingComponent": ev.Component, "reportingInstance": ev.Host,
	}}
	if _, err := events.Create(ctx, obj, metav1.CreateOptions{FieldManager: "devcluster-sim"}); err != nil {
		return err
	}
	r.mu.Lock()
	r.seen[key] = name
	r.mu.Unlock()
	return nil
}
