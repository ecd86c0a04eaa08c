package sim

import (
	"fmt"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The Jupyter Notebook Validator Operator, after
// tosin2013/jupyter-notebook-validator-operator:
// internal/controller/notebookvalidationjob_controller.go (phases, updateJobPhase,
// transitionPhase, handleBuildStatus), pod_log_helper.go (handlePodSuccess,
// handlePodFailure, extractErrorFromLogs), pod_failure_analyzer.go and
// comparison_helper.go.

// NVJ outcome values of sim.mlops.dev/outcome.
const (
	NVJFail        = "fail"                      // a cell raises: papermill exits 1, the pod fails
	NVJDependency  = "dependency-install-failed" // ModuleNotFoundError: the pod fails
	NVJBuildFail   = "build-fail"                // the image build fails
	NVJGoldenDiffs = "golden-mismatch"           // the notebook runs, its outputs differ from the golden notebook
)

// MaxRetries is the operator's MaxRetries: a failed validation pod is run
// again until retryCount reaches it.
const MaxRetries = 3

// NVJTerminal reports whether an NVJ phase is terminal (sticky upstream).
func NVJTerminal(phase string) bool { return phase == "Succeeded" || phase == "Failed" }

// updateJobPhase is the operator's updateJobPhase: phase, message, the
// ValidationComplete condition (PodRunning / ValidationComplete / PodFailed) and,
// for a final phase, the completion time.
func updateJobPhase(st map[string]interface{}, phase, message string, env Env) {
	st["phase"] = phase
	st["message"] = message
	status, reason := "Unknown", "PodRunning"
	switch phase {
	case "Succeeded":
		status, reason = "True", "ValidationComplete"
	case "Failed":
		status, reason = "False", "PodFailed"
	}
	if NVJTerminal(phase) {
		st["completionTime"] = env.ts()
	}
	c := metaCondition("ValidationComplete", status, reason, message, env.ts())
	conds, _ := st["conditions"].([]interface{})
	for i, x := range conds {
		if m, _ := x.(map[string]interface{}); m["type"] == "ValidationComplete" {
			conds[i] = c // updateCondition replaces the whole condition
			st["conditions"] = conds
			return
		}
	}
	st["conditions"] = append(conds, c)
}

// AdvanceNVJ moves a NotebookValidationJob one reconcile along the operator's
// path: Initializing (Ready False/Initializing, never changed again) → Building
// (with spec.podConfig.buildConfig.enabled) → BuildComplete → ValidationRunning;
// each validation pod starts with the legacy phase Running ("Starting
// validation"), then ValidationRunning. A pod that succeeds gives per-cell
// results (and, with a golden notebook, the comparison); a pod that fails is
// deleted and run again until retryCount reaches 3, then the job fails with the
// operator's message and no per-cell results. A failed build fails the job without touching
// its message, conditions or completion time. The validation pod's logs
// (<job>-validation: git-clone, validator) end with the "Results Summary:" block
// the operator's papermill script prints.
func AdvanceNVJ(nvj *unstructured.Unstructured, env Env) (map[string]interface{}, bool) {
	st := status(nvj)
	phase := str(st, "phase")
	if NVJTerminal(phase) {
		return st, false
	}
	outcome := Outcome(nvj)
	buildEnabled, _, _ := unstructured.NestedBool(nvj.Object, "spec", "podConfig", "buildConfig", "enabled")
	strategy, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "buildConfig", "strategy")
	if strategy == "" {
		strategy = "s2i"
	}
	ts := env.ts()
	switch phase {
	case "":
		st["phase"] = "Initializing"
		st["startTime"] = ts
		st["conditions"] = []interface{}{map[string]interface{}{
			"type": "Ready", "status": "False", "reason": "Initializing",
			"message": "NotebookValidationJob is initializing", "lastTransitionTime": ts,
		}}
	case "Initializing":
		if buildEnabled {
			st["phase"] = "Building"
		} else {
			st["phase"] = "ValidationRunning"
		}
	case "Building":
		return advanceBuild(nvj, st, strategy, outcome, env)
	case "BuildComplete":
		st["phase"] = "ValidationRunning"
	case "Pending":
		// Legacy phase: migrated to the state machine.
		if buildEnabled {
			st["phase"] = "Building"
		} else {
			st["phase"] = "ValidationRunning"
		}
	case "Running":
		// Legacy phase, written while the pod is created: migrated back.
		st["phase"] = "ValidationRunning"
	case "ValidationRunning":
		if str(st, "validationPodName") == "" {
			startValidationPod(nvj, st, env)
			return st, true
		}
		return finishValidationPod(nvj, st, outcome, env)
	default:
		updateJobPhase(st, "Failed", "Unknown phase: "+phase, env)
	}
	return st, true
}

func advanceBuild(nvj *unstructured.Unstructured, st map[string]interface{}, strategy, outcome string, env Env) (map[string]interface{}, bool) {
	ns, name := nvj.GetNamespace(), nvj.GetName()
	bs, _ := st["buildStatus"].(map[string]interface{})
	ts := env.ts()
	switch {
	case bs == nil:
		st["buildStatus"] = map[string]interface{}{"phase": "Pending", "message": "Build initialization", "startTime": ts}
	case str(bs, "phase") == "Pending":
		st["buildStatus"] = map[string]interface{}{
			"phase": "Running", "message": "Build created and started", "buildName": name + "-build-1",
			"strategy": strategy, "startTime": ts,
		}
	default:
		started, _ := time.Parse(time.RFC3339, str(bs, "startTime"))
		out := map[string]interface{}{
			"buildName": str(bs, "buildName"), "strategy": strategy, "startTime": str(bs, "startTime"),
			"completionTime": ts,
		}
		if !started.IsZero() {
			out["duration"] = durationString(env.Now.Sub(started))
		}
		if outcome == NVJBuildFail {
			out["phase"] = "Failed"
			out["message"] = fmt.Sprintf("Build failed: build %s failed: DockerBuildFailed", str(bs, "buildName"))
			st["buildStatus"] = out
			// transitionPhase(Failed): phase only; message, conditions and
			// completion time stay as they were.
			st["phase"] = "Failed"
			return st, true
		}
		out["phase"] = "Complete"
		out["message"] = "Build completed successfully"
		out["imageReference"] = fmt.Sprintf("image-registry.openshift-image-registry.svc:5000/%s/%s-build:latest", ns, name)
		st["buildStatus"] = out
		st["phase"] = "BuildComplete"
	}
	return st, true
}

// startValidationPod plays reconcileValidation finding no pod: the legacy phase
// Running with "Starting validation", a new pod, its name in the status.
func startValidationPod(nvj *unstructured.Unstructured, st map[string]interface{}, env Env) {
	ns, name := nvj.GetNamespace(), nvj.GetName()
	ts := env.ts()
	url, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "git", "url")
	ref, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "git", "ref")
	path, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "path")
	image, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "containerImage")
	if ref := str(st, "buildStatus", "imageReference"); ref != "" {
		image = ref
	}
	pod := name + "-validation"
	_ = env.Logs.Append(ns, "pods", pod, "git-clone", fmt.Sprintf(
		"[%s] Cloning %s (ref %s) into /workspace/repo\nCloning into '/workspace/repo'...\n[%s] ✓ Git clone completed", ts, url, ref, ts))
	_ = env.Logs.Finish(ns, "pods", pod, "git-clone")
	_ = env.Logs.Append(ns, "pods", pod, "validator", fmt.Sprintf(
		"[%s] Starting notebook validation\n[%s] Notebook: %s\n[%s] Image: %s\n[%s] Checking Papermill installation...",
		ts, ts, path, ts, image, ts))
	updateJobPhase(st, "Running", "Starting validation", env)
	st["validationPodName"] = pod
}

// finishValidationPod plays the pod's end: handlePodSuccess or handlePodFailure.
func finishValidationPod(nvj *unstructured.Unstructured, st map[string]interface{}, outcome string, env Env) (map[string]interface{}, bool) {
	ns, name := nvj.GetNamespace(), nvj.GetName()
	path, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "path")
	pod := str(st, "validationPodName")
	cellOutcome := outcome
	if outcome == NVJGoldenDiffs || outcome == NVJBuildFail {
		cellOutcome = ""
	}
	summary := NotebookSummary(env.Seed, ns, name, path, cellOutcome)
	log := summary.Log(env.Now)
	_ = env.Logs.Append(ns, "pods", pod, "validator", log)
	_ = env.Logs.Finish(ns, "pods", pod, "validator")
	if summary.Status == "succeeded" {
		st["results"] = summary.CellResults()
		message := summary.Message()
		_, golden, _ := unstructured.NestedMap(nvj.Object, "spec", "goldenNotebook")
		if golden || outcome == NVJGoldenDiffs {
			comparison := Comparison(summary, outcome == NVJGoldenDiffs)
			st["comparisonResult"] = comparison
			if comparison["result"] == "failed" {
				updateJobPhase(st, "Failed", fmt.Sprintf(
					"Validation failed: golden notebook comparison failed (%d/%d cells matched)",
					comparison["matchedCells"], comparison["totalCells"]), env)
				return st, true
			}
		}
		updateJobPhase(st, "Succeeded", message, env)
		return st, true
	}
	// The pod failed: analyzePodFailure finds an Unknown failure of the validator
	// container (exit 1, no termination message); the operator retries.
	retries, _, _ := unstructured.NestedInt64(st, "retryCount")
	retries++
	st["retryCount"] = retries
	st["lastRetryTime"] = env.ts()
	if retries < MaxRetries {
		// The failed pod is deleted and the next reconcile starts a new one
		// (two status writes upstream, one here).
		startValidationPod(nvj, st, env)
		return st, true
	}
	errorMsg := "Validation pod failed: Unknown - "
	if extracted := ExtractErrorFromLogs(log); extracted != "" {
		errorMsg = fmt.Sprintf("%s. Log error: %s", errorMsg, extracted)
	}
	updateJobPhase(st, "Failed", fmt.Sprintf(
		"Validation failed after %d retries: %s. Suggested action: Container failed with exit code 1. Check logs for details.",
		retries, errorMsg), env)
	return st, true
}

// ExtractErrorFromLogs follows the operator's extractErrorFromLogs: the first
// five lines that contain ERROR:, Error:, FAILED:, Failed:, Exception: or
// Traceback, trimmed and joined by newlines.
func ExtractErrorFromLogs(log string) string {
	patterns := []string{"ERROR:", "Error:", "FAILED:", "Failed:", "Exception:", "Traceback"}
	var lines []string
	for _, line := range strings.Split(log, "\n") {
		for _, p := range patterns {
			if strings.Contains(line, p) {
				lines = append(lines, strings.TrimSpace(line))
				break
			}
		}
	}
	if len(lines) == 0 {
		return "Validation failed (see pod logs for details)"
	}
	if len(lines) > 5 {
		lines = lines[:5]
	}
	return strings.Join(lines, "\n")
}

// Comparison is the golden-notebook comparison of an executed notebook
// (compareNotebooks, normalized strategy): every code cell matches, or with
// mismatch two cells' outputs differ.
func Comparison(s *Summary, mismatch bool) map[string]interface{} {
	total := int64(len(s.Cells))
	out := map[string]interface{}{"strategy": "normalized", "result": "matched", "totalCells": total, "matchedCells": total, "mismatchedCells": int64(0)}
	if !mismatch || total < 3 {
		return out
	}
	last := s.Cells[len(s.Cells)-1].CellIndex
	out["result"] = "failed"
	out["matchedCells"] = total - 2
	out["mismatchedCells"] = int64(2)
	out["diffs"] = []interface{}{
		map[string]interface{}{"cellIndex": int64(last - 1), "cellType": "code", "diffType": "output_mismatch",
			"expected": "accuracy: 0.94", "actual": "accuracy: 0.71", "severity": "major"},
		map[string]interface{}{"cellIndex": int64(last), "cellType": "code", "diffType": "output_mismatch",
			"expected": "(10,)", "actual": "(12,)", "severity": "minor"},
	}
	return out
}
