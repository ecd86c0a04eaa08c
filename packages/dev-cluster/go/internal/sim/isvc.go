package sim

import (
	"fmt"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The KServe InferenceService controller in both deployment modes, after
// kserve/kserve: pkg/apis/serving/v1beta1/inference_service_status.go
// (PropagateRawStatus, PropagateStatus, PropagateModelStatus,
// UpdateModelRevisionStates, UpdateModelTransitionStatus), pkg/controller/v1beta1/
// inferenceservice/controller.go, components/predictor.go and reconcilers/ingress;
// the conditions through knative/pkg's condition set (apis/condition_set.go:
// sorted by type, severity Info on the conditions Ready does not depend on), and
// in Serverless mode the Knative Service's conditions (knative/serving:
// pkg/apis/serving/v1/{configuration,route,revision}_lifecycle.go).

// ISVCURL is the external URL the simulator gives an InferenceService.
func ISVCURL(name, ns string) string { return fmt.Sprintf("http://%s-%s.apps.dev.local", name, ns) }

// RuntimeInfo is what the InferenceService controller learns of the model's
// ServingRuntime.
type RuntimeInfo struct {
	// Found: the named runtime exists (or one supports the format).
	Found bool
	// Name of the runtime that serves the model.
	Name string
	// LogTailAsMessage: the kserve-container's terminationMessagePolicy is
	// FallbackToLogsOnError, so a crash leaves its last log lines as the
	// termination message (Knative sets that policy by default).
	LogTailAsMessage bool
	// Object is the ServingRuntime (nil for a pod-style predictor).
	Object *unstructured.Unstructured
}

// conditionSet keeps knative/pkg's rules: the living set of an
// InferenceService is Ready ← PredictorReady, IngressReady; the others are
// Info; MarkFalse/MarkUnknown of a dependent also sets Ready; conditions are
// sorted by type.
type conditionSet struct {
	st map[string]interface{}
	ts string
}

var isvcDependents = map[string]bool{"PredictorReady": true, "IngressReady": true}

func (c conditionSet) set(typ, status, reason, msg string) {
	cond := knCondition(typ, status, reason, msg, c.ts)
	if typ != "Ready" && !isvcDependents[typ] {
		cond["severity"] = "Info"
	}
	setCondition(c.st, cond)
	if isvcDependents[typ] && status != "True" {
		setCondition(c.st, knCondition("Ready", status, reason, msg, c.ts))
	}
	if isvcDependents[typ] && status == "True" {
		c.recomputeReady()
	}
	conds, _ := c.st["conditions"].([]interface{})
	sort.SliceStable(conds, func(i, j int) bool {
		return str(conds[i].(map[string]interface{}), "type") < str(conds[j].(map[string]interface{}), "type")
	})
}

func (c conditionSet) recomputeReady() {
	conds, _ := c.st["conditions"].([]interface{})
	ok := true
	for dep := range isvcDependents {
		found := false
		for _, x := range conds {
			m := x.(map[string]interface{})
			if m["type"] == dep {
				found = true
				ok = ok && m["status"] == "True"
			}
		}
		ok = ok && found
	}
	if ok {
		setCondition(c.st, knCondition("Ready", "True", "", "", c.ts))
	}
}

// loadError is the tail of the sklearn model server's log when it finds no model
// file (kserve/kserve: python/sklearnserver/sklearnserver/model.py raises
// ModelMissingError with the model directory).
func loadError() string {
	return strings.Join([]string{
		"Traceback (most recent call last):",
		`  File "/sklearnserver/sklearnserver/model.py", line 46, in load`,
		"    raise ModelMissingError(model_path)",
		"kserve.errors.ModelMissingError: /mnt/models",
	}, "\n")
}

// predictorHash is a ReplicaSet pod-template hash for the predictor's Deployment.
func predictorHash(name string, gen int64) string {
	return fmt.Sprintf("%016x", Hash(0, name, fmt.Sprint(gen)))[:9]
}

// AdvanceISVC reconciles an InferenceService in two steps per spec generation:
// the rollout, then its end, Ready with the model Loaded or (outcome "fail") a
// failed load. A failed load is written where KServe writes it: targetModelState
// FailedToLoad, transitionStatus BlockedByFailedLoad, lastFailureInfo
// (ModelLoadFailed, exit code, and the container's last log lines when its
// runtime keeps them as termination message); activeModelState stays "" or
// Loaded (an older model that still serves). A missing runtime is InvalidSpec
// with RuntimeNotRecognized and the conditions left Unknown; the annotation
// serving.kserve.io/stop: "true" stops it. A spec change (e.g. a restart
// annotation in spec.predictor.annotations) starts a new cycle.
func AdvanceISVC(isvc *unstructured.Unstructured, rt RuntimeInfo, env Env) (map[string]interface{}, bool) {
	st := status(isvc)
	name := isvc.GetName()
	gen := isvc.GetGeneration()
	observed, _, _ := unstructured.NestedInt64(st, "observedGeneration")
	transition := str(st, "modelStatus", "transitionStatus")
	ts := env.ts()
	c := conditionSet{st: st, ts: ts}
	mode := isvc.GetAnnotations()["serving.kserve.io/deploymentMode"]
	if mode == "" {
		mode = "Serverless"
	}
	serverless := mode == "Serverless" || mode == "Knative"
	stop := isvc.GetAnnotations()["serving.kserve.io/stop"] == "true"
	previous := str(st, "modelStatus", "states", "activeModelState")

	if stop {
		if cond, _ := conditionStatus(st, "Stopped"); cond == "True" {
			return st, false
		}
		for _, t := range []string{"PredictorReady", "IngressReady"} {
			c.set(t, "False", "Stopped", "")
		}
		c.set("Stopped", "True", "", "")
		st["modelStatus"] = map[string]interface{}{
			"transitionStatus": "UpToDate",
			"states":           map[string]interface{}{"activeModelState": "", "targetModelState": ""},
		}
		st["observedGeneration"] = gen
		return st, true
	}

	resumed := false
	if s, _ := conditionStatus(st, "Stopped"); s == "True" {
		resumed = true // the stop annotation was removed
	}
	if observed != gen || len(st) == 0 || transition == "" || resumed {
		st["observedGeneration"] = gen
		st["deploymentMode"] = mode
		if !rt.Found {
			// The predictor reconcile stops before the component: the conditions
			// stay as InitializeConditions left them.
			c.set("PredictorReady", "Unknown", "", "")
			c.set("IngressReady", "Unknown", "", "")
			st["modelStatus"] = map[string]interface{}{
				"transitionStatus": "InvalidSpec",
				"states":           map[string]interface{}{"activeModelState": previous, "targetModelState": "FailedToLoad"},
				"lastFailureInfo":  map[string]interface{}{"reason": "RuntimeNotRecognized", "message": "Waiting for runtime to become available"},
			}
			return st, true
		}
		st["servingRuntimeName"] = rt.Name
		c.set("Stopped", "False", "", "")
		st["modelStatus"] = map[string]interface{}{
			"transitionStatus": "InProgress",
			"states":           map[string]interface{}{"activeModelState": previous, "targetModelState": "Loading"},
			"copies":           map[string]interface{}{"failedCopies": int64(0), "totalCopies": int64(0)},
		}
		if serverless {
			rolloutServerless(isvc, c, gen)
		} else if previous != "Loaded" {
			c.set("PredictorReady", "Unknown", "ReplicaSetUpdated",
				fmt.Sprintf("ReplicaSet %q is progressing.", name+"-predictor-"+predictorHash(name, gen)))
			c.set("IngressReady", "False", "Predictor ingress not created", "")
		}
		return st, true
	}
	if transition != "InProgress" {
		return st, false
	}
	if Outcome(isvc) == "fail" {
		failure := map[string]interface{}{"reason": "ModelLoadFailed", "exitCode": int64(1)}
		if rt.LogTailAsMessage || serverless {
			failure["message"] = loadError()
		}
		loadFailed(isvc, c, failure, previous == "Loaded")
		return st, true
	}
	loaded(isvc, c)
	return st, true
}

// loadFailed writes a failed load where KServe writes it: the target model
// FailedToLoad, BlockedByFailedLoad, lastFailureInfo; the active model stays
// (an older one serves when previousServes); the predictor not ready.
func loadFailed(isvc *unstructured.Unstructured, c conditionSet, failure map[string]interface{}, previousServes bool) {
	name, gen := isvc.GetName(), isvc.GetGeneration()
	previous := str(c.st, "modelStatus", "states", "activeModelState")
	c.st["modelStatus"] = map[string]interface{}{
		"transitionStatus": "BlockedByFailedLoad",
		"states":           map[string]interface{}{"activeModelState": previous, "targetModelState": "FailedToLoad"},
		"lastFailureInfo":  failure,
		"copies":           map[string]interface{}{"failedCopies": int64(0), "totalCopies": int64(0)},
	}
	if serverlessMode(isvc) {
		failServerless(isvc, c, gen, previousServes)
		return
	}
	if previousServes {
		c.set("PredictorReady", "False", "ProgressDeadlineExceeded",
			fmt.Sprintf("ReplicaSet %q has timed out progressing.", name+"-predictor-"+predictorHash(name, gen)))
	} else {
		c.set("PredictorReady", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
	}
	c.set("IngressReady", "False", "Predictor ingress not created", "")
}

// loaded writes a model that loaded: Ready, Loaded and UpToDate, the URLs.
func loaded(isvc *unstructured.Unstructured, c conditionSet) {
	name, ns, gen := isvc.GetName(), isvc.GetNamespace(), isvc.GetGeneration()
	st := c.st
	st["url"] = ISVCURL(name, ns)
	st["address"] = map[string]interface{}{"url": fmt.Sprintf("http://%s-predictor.%s.svc.cluster.local", name, ns)}
	st["modelStatus"] = map[string]interface{}{
		"transitionStatus": "UpToDate",
		"states":           map[string]interface{}{"activeModelState": "Loaded", "targetModelState": "Loaded"},
		"copies":           map[string]interface{}{"failedCopies": int64(0), "totalCopies": int64(1)},
	}
	if serverlessMode(isvc) {
		readyServerless(isvc, c, gen)
		return
	}
	st["components"] = map[string]interface{}{"predictor": map[string]interface{}{"url": fmt.Sprintf("http://%s-predictor-%s.apps.dev.local", name, ns)}}
	c.set("PredictorReady", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
	c.set("IngressReady", "True", "", "")
}

// serverlessMode: no deploymentMode annotation (KServe's default), Serverless or Knative.
func serverlessMode(isvc *unstructured.Unstructured) bool {
	mode := isvc.GetAnnotations()["serving.kserve.io/deploymentMode"]
	return mode == "" || mode == "Serverless" || mode == "Knative"
}

func conditionStatus(st map[string]interface{}, typ string) (string, string) {
	conds, _ := st["conditions"].([]interface{})
	for _, x := range conds {
		m, _ := x.(map[string]interface{})
		if m["type"] == typ {
			return str(m, "status"), str(m, "reason")
		}
	}
	return "", ""
}

func revisionName(name string, gen int64) string {
	return fmt.Sprintf("%s-predictor-%05d", name, gen)
}

func predictorStatus(st map[string]interface{}) map[string]interface{} {
	p, _, _ := unstructured.NestedMap(st, "components", "predictor")
	if p == nil {
		p = map[string]interface{}{}
	}
	return p
}

func rolloutServerless(isvc *unstructured.Unstructured, c conditionSet, gen int64) {
	name := isvc.GetName()
	p := predictorStatus(c.st)
	p["latestCreatedRevision"] = revisionName(name, gen)
	c.st["components"] = map[string]interface{}{"predictor": p}
	if p["latestReadyRevision"] != nil {
		return // the previous revision serves while the new one starts
	}
	waiting := fmt.Sprintf("Configuration %q is waiting for a Revision to become ready.", name+"-predictor")
	c.set("PredictorConfigurationReady", "Unknown", "", "")
	c.set("PredictorRouteReady", "Unknown", "RevisionMissing", waiting)
	c.set("LatestDeploymentReady", "Unknown", "PredictorConfigurationReady not ready", "")
	c.set("RoutesReady", "Unknown", "PredictorRouteReady not ready", "")
	c.set("PredictorReady", "Unknown", "RevisionMissing", waiting)
	c.set("IngressReady", "Unknown", "Predictor ingress not created", "")
}

func readyServerless(isvc *unstructured.Unstructured, c conditionSet, gen int64) {
	name, ns := isvc.GetName(), isvc.GetNamespace()
	rev := revisionName(name, gen)
	p := predictorStatus(c.st)
	if prev := str(p, "latestRolledoutRevision"); prev != "" && prev != rev {
		p["previousRolledoutRevision"] = prev
	}
	p["latestCreatedRevision"] = rev
	p["latestReadyRevision"] = rev
	p["latestRolledoutRevision"] = rev
	p["traffic"] = []interface{}{map[string]interface{}{"latestRevision": true, "percent": int64(100), "revisionName": rev}}
	p["url"] = fmt.Sprintf("http://%s-predictor-%s.apps.dev.local", name, ns)
	p["address"] = map[string]interface{}{"url": fmt.Sprintf("http://%s-predictor.%s.svc.cluster.local", name, ns)}
	c.st["components"] = map[string]interface{}{"predictor": p}
	for _, t := range []string{"PredictorConfigurationReady", "PredictorRouteReady", "LatestDeploymentReady", "RoutesReady", "PredictorReady", "IngressReady"} {
		c.set(t, "True", "", "")
	}
}

func failServerless(isvc *unstructured.Unstructured, c conditionSet, gen int64, previousServes bool) {
	name := isvc.GetName()
	rev := revisionName(name, gen)
	failed := fmt.Sprintf("Revision %q failed with message: Container failed with: %s.", rev, loadError())
	c.set("PredictorConfigurationReady", "False", "RevisionFailed", failed)
	c.set("LatestDeploymentReady", "False", "PredictorConfigurationReady not ready", "")
	if previousServes {
		// The route keeps the previous revision; the Knative Service is not Ready.
		c.set("PredictorRouteReady", "True", "", "")
		c.set("RoutesReady", "True", "", "")
		c.set("PredictorReady", "False", "RevisionFailed", failed)
		return
	}
	missing := fmt.Sprintf("Configuration %q does not have any ready Revision.", name+"-predictor")
	c.set("PredictorRouteReady", "False", "RevisionMissing", missing)
	c.set("RoutesReady", "False", "PredictorRouteReady not ready", "")
	c.set("PredictorReady", "False", "RevisionFailed", failed)
	c.set("IngressReady", "False", "Predictor ingress not created", "")
}
