package sim

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// NVJ outcome values of sim.mlops.dev/outcome.
const (
	NVJFail       = "fail"                      // a cell raises: NotebookExecutionFailed
	NVJDependency = "dependency-install-failed" // ModuleNotFoundError: DependencyInstallFailed
	NVJBuildFail  = "build-fail"                // the image build fails: BuildFailed
)

// NVJTerminal reports whether an NVJ phase is terminal (sticky upstream).
func NVJTerminal(phase string) bool { return phase == "Succeeded" || phase == "Failed" }

// AdvanceNVJ moves a NotebookValidationJob one phase along the operator's
// path: Initializing → Building (if spec.podConfig.buildConfig.enabled) →
// BuildComplete → ValidationRunning → Succeeded/Failed. It writes the
// validation pod's logs (<job>-validation: git-clone, validator), ending with
// the "Results Summary:" JSON block the operator's papermill script prints.
func AdvanceNVJ(nvj *unstructured.Unstructured, env Env) (map[string]interface{}, bool) {
	st := status(nvj)
	phase := str(st, "phase")
	if NVJTerminal(phase) {
		return st, false
	}
	ns, name := nvj.GetNamespace(), nvj.GetName()
	outcome := Outcome(nvj)
	buildEnabled, _, _ := unstructured.NestedBool(nvj.Object, "spec", "podConfig", "buildConfig", "enabled")
	strategy, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "buildConfig", "strategy")
	if strategy == "" {
		strategy = "s2i"
	}
	path, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "path")
	ts := env.ts()
	switch phase {
	case "":
		st["phase"] = "Initializing"
		st["startTime"] = ts
		st["message"] = "Initializing validation job"
		setCondition(st, metaCondition("Ready", "False", "Initializing", "Validation job is initializing", ts))
		setCondition(st, metaCondition("Progressing", "True", "InProgress", "Validation job is initializing", ts))
	case "Initializing":
		if buildEnabled {
			st["phase"] = "Building"
			st["message"] = fmt.Sprintf("Building notebook image with %s", strategy)
			st["buildStatus"] = map[string]interface{}{
				"phase": "Running", "buildName": name + "-build-1", "strategy": strategy, "startTime": ts,
				"message": "Build is running",
			}
			setCondition(st, metaCondition("BuildReady", "False", "BuildPending", "Image build in progress", ts))
		} else {
			startValidation(nvj, st, env, path)
		}
	case "Building":
		bs, _ := st["buildStatus"].(map[string]interface{})
		if bs == nil {
			bs = map[string]interface{}{}
		}
		started, _ := time.Parse(time.RFC3339, str(bs, "startTime"))
		bs["completionTime"] = ts
		if !started.IsZero() {
			bs["duration"] = durationString(env.Now.Sub(started))
		}
		if outcome == NVJBuildFail {
			bs["phase"] = "Failed"
			bs["message"] = "Build failed: error building at STEP \"RUN pip install -r requirements.txt\": exit status 1"
			st["buildStatus"] = bs
			return finishNVJ(nvj, st, env, "Failed", "BuildFailed", "Image build failed: "+str(bs, "message"))
		}
		bs["phase"] = "Complete"
		bs["message"] = "Build completed successfully"
		bs["imageReference"] = fmt.Sprintf("image-registry.openshift-image-registry.svc:5000/%s/%s-build:latest", ns, name)
		st["buildStatus"] = bs
		st["phase"] = "BuildComplete"
		st["message"] = "Image build complete"
		setCondition(st, metaCondition("BuildReady", "True", "BuildComplete", "Image built: "+str(bs, "imageReference"), ts))
	case "BuildComplete", "Pending":
		startValidation(nvj, st, env, path)
	case "ValidationRunning", "Running":
		summary := NotebookSummary(env.Seed, ns, name, path, outcome)
		_ = env.Logs.Append(ns, "pods", name+"-validation", "validator", summary.Log(env.Now))
		_ = env.Logs.Finish(ns, "pods", name+"-validation", "validator")
		st["results"] = summary.CellResults()
		if summary.Status == "succeeded" {
			return finishNVJ(nvj, st, env, "Succeeded", "Succeeded", summary.Message())
		}
		return finishNVJ(nvj, st, env, "Failed", summary.Reason(), summary.Message())
	}
	return st, true
}

func startValidation(nvj *unstructured.Unstructured, st map[string]interface{}, env Env, path string) {
	ns, name := nvj.GetNamespace(), nvj.GetName()
	ts := env.ts()
	url, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "git", "url")
	ref, _, _ := unstructured.NestedString(nvj.Object, "spec", "notebook", "git", "ref")
	image, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "containerImage")
	if bs, ok := st["buildStatus"].(map[string]interface{}); ok && str(bs, "imageReference") != "" {
		image = str(bs, "imageReference")
	}
	_ = env.Logs.Append(ns, "pods", name+"-validation", "git-clone", fmt.Sprintf(
		"[%s] Cloning %s (ref %s) into /workspace/repo\nCloning into '/workspace/repo'...\n[%s] ✓ Git clone completed", ts, url, ref, ts))
	_ = env.Logs.Finish(ns, "pods", name+"-validation", "git-clone")
	_ = env.Logs.Append(ns, "pods", name+"-validation", "validator", fmt.Sprintf(
		"[%s] Starting notebook validation\n[%s] Notebook: %s\n[%s] Image: %s\n[%s] Checking Papermill installation...",
		ts, ts, path, ts, image, ts))
	st["phase"] = "ValidationRunning"
	st["validationPodName"] = name + "-validation"
	st["message"] = "Validation pod is running"
	setCondition(st, metaCondition("GitCloned", "True", "GitCloneSucceeded", "Repository cloned", ts))
	setCondition(st, metaCondition("ValidationStarted", "True", "PodRunning", "Validation pod "+name+"-validation is running", ts))
	setCondition(st, metaCondition("Ready", "False", "ValidationInProgress", "Notebook execution in progress", ts))
}

func finishNVJ(nvj *unstructured.Unstructured, st map[string]interface{}, env Env, phase, reason, msg string) (map[string]interface{}, bool) {
	ts := env.ts()
	st["phase"] = phase
	st["completionTime"] = ts
	st["message"] = msg
	if phase == "Succeeded" {
		setCondition(st, metaCondition("ValidationComplete", "True", "ValidationComplete", msg, ts))
		setCondition(st, metaCondition("Ready", "True", "Succeeded", msg, ts))
		setCondition(st, metaCondition("Available", "True", "Succeeded", msg, ts))
	} else {
		if reason == "BuildFailed" {
			setCondition(st, metaCondition("BuildReady", "False", "BuildFailed", msg, ts))
		} else {
			setCondition(st, metaCondition("ValidationComplete", "False", reason, msg, ts))
		}
		setCondition(st, metaCondition("Ready", "False", reason, msg, ts))
	}
	setCondition(st, metaCondition("Progressing", "False", reason, msg, ts))
	return st, true
}
