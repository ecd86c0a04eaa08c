package sim

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// ISVCURL is the external URL the simulator gives an InferenceService.
func ISVCURL(name, ns string) string { return fmt.Sprintf("http://%s-%s.apps.dev.local", name, ns) }

// AdvanceISVC reconciles an InferenceService in two steps per spec
// generation: InProgress/Loading, then Ready with URL and modelStatus
// Loaded/UpToDate, or (sim.mlops.dev/outcome: fail) FailedToLoad with
// lastFailureInfo reason ModelLoadFailed. A spec change (e.g. a restart
// annotation patched into spec.predictor.annotations) starts a new cycle.
func AdvanceISVC(isvc *unstructured.Unstructured, env Env) (map[string]interface{}, bool) {
	st := status(isvc)
	ns, name := isvc.GetNamespace(), isvc.GetName()
	gen := isvc.GetGeneration()
	observed, _, _ := unstructured.NestedInt64(st, "observedGeneration")
	transition := str(st, "modelStatus", "transitionStatus")
	ts := env.ts()
	mode := isvc.GetAnnotations()["serving.kserve.io/deploymentMode"]
	if mode == "" {
		mode = "Serverless"
	}
	runtime, _, _ := unstructured.NestedString(isvc.Object, "spec", "predictor", "model", "runtime")
	if observed != gen || len(st) == 0 {
		prev := str(st, "modelStatus", "states", "activeModelState")
		st["observedGeneration"] = gen
		st["deploymentMode"] = mode
		if runtime != "" {
			st["servingRuntimeName"] = runtime
		}
		st["modelStatus"] = map[string]interface{}{
			"transitionStatus": "InProgress",
			"states":           map[string]interface{}{"activeModelState": prev, "targetModelState": "Loading"},
			"copies":           map[string]interface{}{"failedCopies": int64(0), "totalCopies": int64(1)},
		}
		setCondition(st, knCondition("PredictorReady", "Unknown", "", "Waiting for predictor deployment to become ready", ts))
		setCondition(st, knCondition("IngressReady", "Unknown", "", "", ts))
		setCondition(st, knCondition("Ready", "Unknown", "", "Waiting for predictor deployment to become ready", ts))
		return st, true
	}
	if transition != "InProgress" {
		return st, false
	}
	url := ISVCURL(name, ns)
	internal := fmt.Sprintf("http://%s-predictor.%s.svc.cluster.local", name, ns)
	if Outcome(isvc) == "fail" {
		st["modelStatus"] = map[string]interface{}{
			"transitionStatus": "BlockedByFailedLoad",
			"states":           map[string]interface{}{"activeModelState": "FailedToLoad", "targetModelState": "FailedToLoad"},
			"copies":           map[string]interface{}{"failedCopies": int64(1), "totalCopies": int64(1)},
			"lastFailureInfo": map[string]interface{}{
				"location": name + "-predictor-" + fmt.Sprintf("%08x", Hash(env.Seed, ns, name)&0xffffffff), "reason": "ModelLoadFailed",
				"message": "Failed to load model: /mnt/models/" + name + "/model.pkl: file not found or corrupted (expected a single .pkl/.joblib)",
				"time":    ts, "exitCode": int64(1), "modelRevisionName": name + "-predictor",
			},
		}
		setCondition(st, knCondition("PredictorReady", "False", "ModelLoadFailed", "Model failed to load", ts))
		setCondition(st, knCondition("IngressReady", "True", "", "", ts))
		setCondition(st, knCondition("Ready", "False", "ModelLoadFailed", "Model failed to load", ts))
		return st, true
	}
	st["url"] = url
	st["address"] = map[string]interface{}{"url": internal}
	st["components"] = map[string]interface{}{"predictor": map[string]interface{}{"url": internal, "restUrl": internal}}
	st["modelStatus"] = map[string]interface{}{
		"transitionStatus": "UpToDate",
		"states":           map[string]interface{}{"activeModelState": "Loaded", "targetModelState": "Loaded"},
		"copies":           map[string]interface{}{"failedCopies": int64(0), "totalCopies": int64(1)},
	}
	setCondition(st, knCondition("PredictorReady", "True", "", "", ts))
	setCondition(st, knCondition("IngressReady", "True", "", "", ts))
	setCondition(st, knCondition("Ready", "True", "", "", ts))
	return st, true
}
