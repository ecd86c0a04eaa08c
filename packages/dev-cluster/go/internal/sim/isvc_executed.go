package sim

import (
	"fmt"
	"reflect"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
)

// PredictorRunner runs model servers for real (execute.Platform).
type PredictorRunner interface {
	Predictor(ns, isvc string, generation int64) *execute.Predictor
	Predictors(ns, isvc string) []*execute.Predictor
	StartPredictor(spec execute.PredictorSpec, podName string) *execute.Predictor
	StopPredictor(pr *execute.Predictor)
}

// ServerSimulatedCondition is the Info condition an executed InferenceService
// carries while the server of its runtime is simulated (OpenVINO Model
// Server, which does not install from PyPI) though its model file is really
// loaded. KServe writes no such condition; it tells a reader of the status
// what the dev cluster did not run.
const ServerSimulatedCondition = "ServerSimulated"

// PredictorPodName is the pod of a generation's predictor: in RawDeployment
// mode the pod of KServe's Deployment <isvc>-predictor
// (<isvc>-predictor-<pod-template-hash>-<suffix>); in Serverless mode the pod
// of the Knative revision's Deployment, which Knative names
// <revision>-deployment (knative/serving
// pkg/reconciler/revision/resources/names/names.go), the revision being
// <isvc>-predictor-<generation, 5 digits>.
func PredictorPodName(isvc *unstructured.Unstructured, gen int64) string {
	name := isvc.GetName()
	suffix := fmt.Sprintf("%05x", Hash(0, name, "pod", fmt.Sprint(gen)))[:5]
	if serverlessMode(isvc) {
		return fmt.Sprintf("%s-deployment-%s-%s", revisionName(name, gen), predictorHash(name, gen), suffix)
	}
	return fmt.Sprintf("%s-predictor-%s-%s", name, predictorHash(name, gen), suffix)
}

// PredictorSpecOf is what KServe's predictor reconciler deploys for the
// InferenceService's current generation with its ServingRuntime.
func PredictorSpecOf(isvc *unstructured.Unstructured, rt RuntimeInfo) execute.PredictorSpec {
	spec := execute.PredictorSpec{Namespace: isvc.GetNamespace(), ISVC: isvc.GetName(), Generation: isvc.GetGeneration(),
		RuntimeName: rt.Name, Labels: isvc.GetLabels(), Annotations: map[string]string{}}
	spec.ModelFormat, _, _ = unstructured.NestedString(isvc.Object, "spec", "predictor", "model", "modelFormat", "name")
	spec.StorageURI, _, _ = unstructured.NestedString(isvc.Object, "spec", "predictor", "model", "storageUri")
	env, _, _ := unstructured.NestedSlice(isvc.Object, "spec", "predictor", "model", "env")
	spec.ModelEnv = envVars(env)
	if ann, ok, _ := unstructured.NestedStringMap(isvc.Object, "spec", "predictor", "annotations"); ok {
		spec.Annotations = ann
	}
	if rt.Object != nil {
		spec.ServerType = rt.Object.GetAnnotations()["serving.kserve.io/server-type"]
		cs, _, _ := unstructured.NestedSlice(rt.Object.Object, "spec", "containers")
		for _, c := range cs {
			m, _ := c.(map[string]interface{})
			if str(m, "name") != "kserve-container" && len(cs) > 1 {
				continue
			}
			spec.Container = execute.RuntimeContainer{Name: str(m, "name"), Image: str(m, "image"),
				Env: envVars(asSlice(m["env"])), Args: stringsOf(m["args"]),
				FallbackToLogsOnError: str(m, "terminationMessagePolicy") == "FallbackToLogsOnError"}
			break
		}
	}
	return spec
}

// AdvanceExecutedISVC writes the status of an InferenceService whose model
// server the platform runs: each spec generation starts a server for it (the
// predictor Deployment's new pod) and writes the rollout, as AdvanceISVC; the
// generation is Ready with the model Loaded once its server answers
// /v2/models/<name>/ready, and the older servers stop (the old pods go). A
// server that exits (MLServer ends when its model does not load) is a failed
// load, written where KServe writes it (kserve/kserve
// pkg/apis/serving/v1beta1/inference_service_status.go PropagateModelStatus:
// the kserve-container in CrashLoopBackOff → FailedToLoad, ModelLoadFailed with
// its exit code and termination message); an older server that was ready goes
// on serving. A server that cannot start at all (a runtime the dev cluster does
// not run) leaves the rollout in progress, as a pod that never gets ready does.
func AdvanceExecutedISVC(isvc *unstructured.Unstructured, rt RuntimeInfo, runner PredictorRunner, env Env) (map[string]interface{}, bool) {
	ns, name, gen := isvc.GetNamespace(), isvc.GetName(), isvc.GetGeneration()
	if isvc.GetAnnotations()["serving.kserve.io/stop"] == "true" {
		for _, pr := range runner.Predictors(ns, name) {
			runner.StopPredictor(pr)
		}
		return AdvanceISVC(isvc, rt, env)
	}
	st := status(isvc)
	observed, _, _ := unstructured.NestedInt64(st, "observedGeneration")
	transition := str(st, "modelStatus", "transitionStatus")
	stopped, _ := conditionStatus(st, "Stopped")
	if !rt.Found || observed != gen || len(st) == 0 || transition == "" || stopped == "True" {
		if rt.Found && runner.Predictor(ns, name, gen) == nil {
			runner.StartPredictor(PredictorSpecOf(isvc, rt), PredictorPodName(isvc, gen))
		}
		return AdvanceISVC(isvc, rt, env) // the rollout of a new generation (or InvalidSpec)
	}
	cur := runner.Predictor(ns, name, gen)
	if cur == nil {
		cur = runner.StartPredictor(PredictorSpecOf(isvc, rt), PredictorPodName(isvc, gen))
	}
	before := deepCopy(st)
	c := conditionSet{st: st, ts: env.ts()}
	s := cur.State()
	olderServes := false
	for _, pr := range runner.Predictors(ns, name) {
		if pr.Spec.Generation < gen && pr.State().Ready {
			olderServes = true
		}
	}
	switch {
	case s.Ready:
		for _, pr := range runner.Predictors(ns, name) {
			if pr.Spec.Generation < gen {
				runner.StopPredictor(pr)
			}
		}
		if transition != "UpToDate" || str(st, "modelStatus", "states", "activeModelState") != "Loaded" {
			loaded(isvc, c)
		}
		if s.Simulated != "" {
			c.set(ServerSimulatedCondition, "True", "ModelServerSimulated", s.Simulated)
		}
	case s.LastTerminated != nil:
		failure := map[string]interface{}{"reason": "ModelLoadFailed", "exitCode": int64(s.LastTerminated.ExitCode)}
		if s.LastTerminated.Message != "" {
			failure["message"] = s.LastTerminated.Message
		}
		if !reflect.DeepEqual(failure, mapAt(st, "modelStatus", "lastFailureInfo")) || transition != "BlockedByFailedLoad" {
			loadFailed(isvc, c, failure, olderServes)
		}
	}
	return st, !reflect.DeepEqual(before, st)
}

// PredictorPod is the pod object of a running predictor: the Deployment's pod
// with KServe's labels, the predictor's annotations (KServe copies
// spec.predictor.annotations into the pod template) and the kserve-container's
// real state.
func PredictorPod(isvc *unstructured.Unstructured, pr *execute.Predictor) *unstructured.Unstructured {
	s := pr.State()
	name := isvc.GetName()
	// KServe's labels on every predictor pod (kserve/kserve
	// pkg/constants/constants.go InferenceServicePodLabelKey and
	// KServiceComponentLabel, set in
	// pkg/controller/v1beta1/inferenceservice/components/predictor.go); in
	// RawDeployment mode the Deployment's app label (RawDeploymentAppLabel,
	// isvc.<component>); in Serverless mode the labels Knative puts on a
	// revision's pods (knative/serving
	// pkg/reconciler/revision/resources/meta.go makeLabels).
	labels := map[string]interface{}{
		"serving.kserve.io/inferenceservice": name, "component": "predictor",
		"pod-template-hash": predictorHash(name, pr.Spec.Generation),
	}
	if serverlessMode(isvc) {
		revision := revisionName(name, pr.Spec.Generation)
		labels["app"] = revision
		labels["serving.knative.dev/service"] = name + "-predictor"
		labels["serving.knative.dev/configuration"] = name + "-predictor"
		labels["serving.knative.dev/revision"] = revision
	} else {
		labels["app"] = "isvc." + name + "-predictor"
	}
	annotations := map[string]interface{}{"serving.kserve.io/deploymentMode": isvc.GetAnnotations()["serving.kserve.io/deploymentMode"]}
	for k, v := range pr.Spec.Annotations {
		annotations[k] = v
	}
	image := pr.Spec.Container.Image
	own := map[string]interface{}{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": name + "-predictor-" + predictorHash(name, pr.Spec.Generation),
		"uid": string(isvc.GetUID()), "controller": true, "blockOwnerDeletion": true}
	pod := newPod(isvc.GetNamespace(), s.Pod, labels, own, "", nil, []interface{}{map[string]interface{}{"name": "kserve-container", "image": image}})
	pod.Object["metadata"].(map[string]interface{})["annotations"] = annotations
	// The owner is the InferenceService here (there is no ReplicaSet object), so
	// the garbage collector removes the pods with it.
	pod.Object["metadata"].(map[string]interface{})["ownerReferences"] = []interface{}{owner(isvc, "serving.kserve.io/v1beta1", "InferenceService")}
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	state := map[string]interface{}{}
	switch {
	case s.Running:
		state["running"] = map[string]interface{}{"startedAt": ts(s.Started)}
	case s.Waiting != nil:
		w := map[string]interface{}{"reason": s.Waiting.Reason}
		if s.Waiting.Message != "" {
			w["message"] = s.Waiting.Message
		}
		state["waiting"] = w
	}
	container := cs("kserve-container", image, state)
	container["ready"] = s.Ready
	container["restartCount"] = int64(s.Restarts)
	if lt := s.LastTerminated; lt != nil {
		term := map[string]interface{}{"exitCode": int64(lt.ExitCode), "reason": lt.Reason, "startedAt": ts(lt.Started), "finishedAt": ts(lt.Finished)}
		if lt.Message != "" {
			term["message"] = lt.Message
		}
		container["lastState"] = map[string]interface{}{"terminated": term}
	}
	phase := "Pending"
	if s.Running || s.LastTerminated != nil {
		phase = "Running"
	}
	ready := map[bool]string{true: "True", false: "False"}[s.Ready]
	now := ts(time.Now())
	pod.Object["status"] = map[string]interface{}{
		"phase": phase, "hostIP": "127.0.0.1", "podIP": "10.128.0.12", "containerStatuses": []interface{}{container},
		"conditions": []interface{}{
			map[string]interface{}{"type": "PodScheduled", "status": "True", "lastTransitionTime": now},
			map[string]interface{}{"type": "Initialized", "status": "True", "lastTransitionTime": now},
			map[string]interface{}{"type": "ContainersReady", "status": ready, "lastTransitionTime": now},
			map[string]interface{}{"type": "Ready", "status": ready, "lastTransitionTime": now},
		},
	}
	if !s.Started.IsZero() {
		pod.Object["status"].(map[string]interface{})["startTime"] = ts(s.Started)
	}
	return pod
}

func envVars(raw []interface{}) []execute.EnvVar {
	var out []execute.EnvVar
	for _, e := range raw {
		m, _ := e.(map[string]interface{})
		if n := str(m, "name"); n != "" {
			out = append(out, execute.EnvVar{Name: n, Value: str(m, "value")})
		}
	}
	return out
}

func stringsOf(v interface{}) []string {
	var out []string
	for _, x := range asSlice(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asSlice(v interface{}) []interface{} {
	s, _ := v.([]interface{})
	return s
}

func mapAt(m map[string]interface{}, keys ...string) map[string]interface{} {
	v, _, _ := unstructured.NestedMap(m, keys...)
	return v
}
