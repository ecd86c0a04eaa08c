package sim

import (
	"context"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	dynamicfake "k8s.io/client-go/dynamic/fake"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
)

func predictorPodForTest() *unstructured.Unstructured {
	pod := newPod("ml", "iris-predictor-abc-12345", map[string]interface{}{"component": "predictor"}, map[string]interface{}{}, "", nil,
		[]interface{}{map[string]interface{}{"name": "kserve-container", "image": "docker.io/seldonio/mlserver:1.6.1"}})
	pod.SetUID(types.UID("pod-uid"))
	return pod
}

func reasonsOf(evs []EventSpec) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Type+"/"+e.Reason)
	}
	return out
}

func TestPredictorPodEventsFollowTheContainer(t *testing.T) {
	pod := predictorPodForTest()
	t0 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

	created := PredictorPodEvents(pod, nil, execute.PredictorState{})
	if got := strings.Join(reasonsOf(created), ","); got != "Normal/Scheduled" {
		t.Fatalf("a new pod records %q, want Normal/Scheduled", got)
	}
	running := execute.PredictorState{Running: true, Started: t0}
	started := PredictorPodEvents(pod, &execute.PredictorState{}, running)
	if got := strings.Join(reasonsOf(started), ","); got != "Normal/Pulled,Normal/Created,Normal/Started" {
		t.Fatalf("a started container records %q", got)
	}
	if started[1].FieldPath != "spec.containers{kserve-container}" || started[1].Message != "Created container: kserve-container" {
		t.Fatalf("container event: %+v", started[1])
	}
	crashed := execute.PredictorState{Restarts: 1, Started: t0,
		LastTerminated: &execute.ContainerState{Terminated: true, ExitCode: 1, Reason: "Error"},
		Waiting:        &execute.Waiting{Reason: "CrashLoopBackOff", Message: "back-off 10s"}}
	backoff := PredictorPodEvents(pod, &running, crashed)
	if got := strings.Join(reasonsOf(backoff), ","); got != "Warning/BackOff" {
		t.Fatalf("a crashed container records %q, want Warning/BackOff", got)
	}
	if !strings.Contains(backoff[0].Message, "Back-off restarting failed container kserve-container in pod iris-predictor-abc-12345_ml(pod-uid)") {
		t.Fatalf("BackOff message: %q", backoff[0].Message)
	}
	exitedZero := crashed
	exitedZero.Restarts = 2
	exitedZero.LastTerminated = &execute.ContainerState{Terminated: true, ExitCode: 0, Reason: "Completed"}
	if got := strings.Join(reasonsOf(PredictorPodEvents(pod, &crashed, exitedZero)), ","); got != "Warning/BackOff" {
		t.Fatalf("a restart after exit code 0 records %q, want Warning/BackOff", got)
	}
	if evs := PredictorPodEvents(pod, &crashed, crashed); len(evs) != 0 {
		t.Fatalf("no change records nothing, got %v", reasonsOf(evs))
	}
	cannotRun := execute.PredictorState{Waiting: &execute.Waiting{Reason: "RunContainerError", Message: "exec: mlserver: not found\nmore"}}
	failed := PredictorPodEvents(pod, &execute.PredictorState{}, cannotRun)
	if len(failed) != 1 || failed[0].Reason != "Failed" || failed[0].Message != "Error: exec: mlserver: not found" {
		t.Fatalf("a container that cannot run records %+v", failed)
	}
}

func TestISVCReadinessEventAsKServeRecordsIt(t *testing.T) {
	isvc := &unstructured.Unstructured{Object: map[string]interface{}{"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
		"metadata": map[string]interface{}{"name": "iris", "namespace": "ml"}}}
	cond := func(ready string, predictor string) map[string]interface{} {
		return map[string]interface{}{"conditions": []interface{}{
			map[string]interface{}{"type": "PredictorReady", "status": predictor},
			map[string]interface{}{"type": "Ready", "status": ready},
		}}
	}
	ev := ISVCReadinessEvent(isvc, cond("Unknown", "Unknown"), cond("True", "True"))
	if ev == nil || ev.Type != "Normal" || ev.Reason != "InferenceServiceReady" || ev.Message != "InferenceService [iris] is Ready" {
		t.Fatalf("becoming ready: %+v", ev)
	}
	ev = ISVCReadinessEvent(isvc, cond("True", "True"), cond("False", "False"))
	if ev == nil || ev.Type != "Warning" || ev.Reason != "InferenceServiceNotReady" || !strings.Contains(ev.Message, "[PredictorReady Ready]") {
		t.Fatalf("no longer ready: %+v", ev)
	}
	if ev := ISVCReadinessEvent(isvc, cond("False", "False"), cond("False", "False")); ev != nil {
		t.Fatalf("unchanged readiness records nothing, got %+v", ev)
	}
}

func TestEventRecorderCountsRepeatsLikeTheCorrelator(t *testing.T) {
	client := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(), map[schema.GroupVersionResource]string{EventGVR: "EventList"})
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	rec := NewEventRecorder(client, func() time.Time { return now })
	pod := predictorPodForTest()
	ctx := context.Background()
	backoff := EventSpec{Object: pod, FieldPath: "spec.containers{kserve-container}", Type: "Warning", Reason: "BackOff", Message: "Back-off", Component: "kubelet"}
	if err := rec.Record(ctx, backoff); err != nil {
		t.Fatal(err)
	}
	now = now.Add(20 * time.Second)
	if err := rec.Record(ctx, backoff); err != nil {
		t.Fatal(err)
	}
	other := backoff
	other.Reason, other.Type, other.Message = "Started", "Normal", "Started container kserve-container"
	if err := rec.Record(ctx, other); err != nil {
		t.Fatal(err)
	}
	list, err := client.Resource(EventGVR).Namespace("ml").List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 2 {
		t.Fatalf("want 2 events (one counted twice), got %d", len(list.Items))
	}
	for _, e := range list.Items {
		count, _, _ := unstructured.NestedInt64(e.Object, "count")
		reason, _, _ := unstructured.NestedString(e.Object, "reason")
		first, _, _ := unstructured.NestedString(e.Object, "firstTimestamp")
		last, _, _ := unstructured.NestedString(e.Object, "lastTimestamp")
		kind, _, _ := unstructured.NestedString(e.Object, "involvedObject", "kind")
		uid, _, _ := unstructured.NestedString(e.Object, "involvedObject", "uid")
		if kind != "Pod" || uid != "pod-uid" || !strings.HasPrefix(e.GetName(), "iris-predictor-abc-12345.") {
			t.Fatalf("involvedObject/name: %s %s %s", kind, uid, e.GetName())
		}
		if reason == "BackOff" && (count != 2 || first != "2026-12-07T10:00:00Z" || last != "2026-12-07T10:00:20Z") {
			t.Fatalf("repeated BackOff: count %d first %s last %s", count, first, last)
		}
		if reason == "Started" && count != 1 {
			t.Fatalf("Started count %d", count)
		}
	}
}

func TestServerlessPredictorPodHasKnativeLabelsAndName(t *testing.T) {
	isvc := &unstructured.Unstructured{Object: map[string]interface{}{"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
		"metadata": map[string]interface{}{"name": "iris", "namespace": "ml", "generation": int64(2)}}}
	if name := PredictorPodName(isvc, 2); !strings.HasPrefix(name, "iris-predictor-00002-deployment-") {
		t.Fatalf("serverless pod name %q", name)
	}
	pr := &execute.Predictor{Spec: execute.PredictorSpec{Namespace: "ml", ISVC: "iris", Generation: 2}}
	labels := PredictorPod(isvc, pr).GetLabels()
	if labels["serving.knative.dev/revision"] != "iris-predictor-00002" || labels["serving.kserve.io/inferenceservice"] != "iris" || labels["component"] != "predictor" {
		t.Fatalf("serverless labels %v", labels)
	}
	isvc.SetAnnotations(map[string]string{"serving.kserve.io/deploymentMode": "RawDeployment"})
	if name := PredictorPodName(isvc, 2); !strings.HasPrefix(name, "iris-predictor-") || strings.Contains(name, "deployment") {
		t.Fatalf("raw pod name %q", name)
	}
	if labels := PredictorPod(isvc, pr).GetLabels(); labels["app"] != "isvc.iris-predictor" {
		t.Fatalf("raw labels %v", labels)
	}
}
