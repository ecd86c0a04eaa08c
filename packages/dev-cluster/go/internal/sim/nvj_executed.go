package sim

import (
	"encoding/json"
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
)

// ValidationRunner runs validation pods for real (execute.Platform).
type ValidationRunner interface {
	Validation(nvj *unstructured.Unstructured, attempt int64) *execute.ValidationExecution
	StartValidation(nvj *unstructured.Unstructured, podName, image string, skipGitClone bool, attempt int64) *execute.ValidationExecution
}

// LogReader reads a container's log (the log store).
type LogReader interface {
	Read(ns, kind, name, container string) ([]byte, error)
}

// AdvanceExecutedNVJ moves a NotebookValidationJob whose validation pod the
// platform runs along the operator's path (AdvanceNVJ's phases up to
// ValidationRunning), then writes what the operator writes from the real pod
// (tosin2013/jupyter-notebook-validator-operator:
// internal/controller/notebookvalidationjob_controller.go reconcileValidation,
// pod_log_helper.go handlePodSuccess / handlePodFailure, pod_failure_analyzer.go):
// a pod that succeeds gives the per-cell results parsed from the validator's
// "Results Summary:" log; a failed pod (a failed git clone, an image that cannot
// be pulled, a notebook that raises) is analysed, counted in retryCount and run
// again or failed with the operator's message. The operator's own image builds
// (spec.podConfig.buildConfig) are not run: the job fails in Building, saying so.
func AdvanceExecutedNVJ(nvj *unstructured.Unstructured, runner ValidationRunner, logs LogReader, env Env) (map[string]interface{}, bool) {
	st := status(nvj)
	phase := str(st, "phase")
	switch phase {
	case "Building":
		bs, _ := st["buildStatus"].(map[string]interface{})
		if bs == nil {
			bs = map[string]interface{}{"startTime": env.ts()}
		}
		bs["phase"] = "Failed"
		bs["message"] = "Build failed: the dev cluster does not run the operator's own image builds (spec.podConfig.buildConfig); build the image with a BuildConfig and name it in spec.podConfig.containerImage"
		bs["completionTime"] = env.ts()
		st["buildStatus"] = bs
		st["phase"] = "Failed"
		return st, true
	case "ValidationRunning", "Running":
	default:
		return AdvanceNVJ(nvj, env)
	}
	ns, name := nvj.GetNamespace(), nvj.GetName()
	pod := name + "-validation"
	specImage, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "containerImage")
	image := specImage
	if ref := str(st, "buildStatus", "imageReference"); ref != "" {
		image = ref
	}
	skipGitClone := image != specImage // pod_failure_analyzer.go shouldSkipGitClone
	retries, _, _ := unstructured.NestedInt64(st, "retryCount")
	if str(st, "validationPodName") == "" {
		updateJobPhase(st, "Running", "Starting validation", env)
		st["validationPodName"] = pod
		runner.StartValidation(nvj, pod, image, skipGitClone, retries)
		return st, true
	}
	e := runner.Validation(nvj, retries)
	if e == nil {
		runner.StartValidation(nvj, pod, image, skipGitClone, retries)
		return st, false
	}
	p := e.Progress()
	if p.Validator.Terminated && p.Validator.ExitCode == 0 {
		raw, err := logs.Read(ns, "pods", pod, "validator")
		summary, perr := ParseResultsSummary(string(raw))
		switch {
		case err != nil:
			updateJobPhase(st, "Succeeded", fmt.Sprintf("Validation completed but failed to collect logs: %v", err), env)
		case perr != nil:
			updateJobPhase(st, "Succeeded", fmt.Sprintf("Validation completed but failed to parse results: %v", perr), env)
		default:
			st["results"] = summary.CellResults()
			final := "Succeeded"
			if summary.Status == "failed" {
				final = "Failed"
			}
			updateJobPhase(st, final, summary.Message(), env)
		}
		return st, true
	}
	a := analyzeValidationPod(p)
	if a == nil {
		return st, false
	}
	errorMsg := fmt.Sprintf("Validation pod failed: %s - %s", a.reason, a.message)
	if raw, err := logs.Read(ns, "pods", pod, "validator"); err == nil && len(raw) > 0 {
		errorMsg = fmt.Sprintf("%s. Log error: %s", errorMsg, ExtractErrorFromLogs(string(raw)))
	}
	retries++
	st["retryCount"] = retries
	st["lastRetryTime"] = env.ts()
	switch action := recoveryAction(a, retries); {
	case action == "do_not_retry" || action == "max_retries_exceeded":
		updateJobPhase(st, "Failed", fmt.Sprintf("Validation failed after %d retries: %s. Suggested action: %s", retries, errorMsg, a.suggested), env)
	case retries < MaxRetries:
		// The failed pod is deleted; the next one starts at once (the operator
		// waits a back-off of a minute or two first).
		updateJobPhase(st, "Running", "Starting validation", env)
		runner.StartValidation(nvj, pod, image, skipGitClone, retries)
	default:
		updateJobPhase(st, "Failed", fmt.Sprintf("Validation failed after %d retries: %s. Suggested action: %s", MaxRetries, errorMsg, a.suggested), env)
	}
	return st, true
}

// podFailure is the operator's PodFailureAnalysis.
type podFailure struct {
	reason, message, suggested string
	init, image, transient     bool
	noRetry                    bool
}

// analyzeValidationPod follows the operator's analyzePodFailure: init
// containers first, then the validator's waiting or terminated state; nil
// while nothing has gone wrong.
func analyzeValidationPod(p execute.ValidationProgress) *podFailure {
	if g := p.GitClone; g.Terminated && g.ExitCode != 0 {
		f := &podFailure{reason: "InitContainerError", message: g.Message, init: true}
		if g.ExitCode == 2 || g.ExitCode == 128 {
			f.reason, f.noRetry = "PermissionDenied", true
			f.suggested = fmt.Sprintf("Git-clone init container failed (exit code %d). This typically indicates authentication or repository access issues.", g.ExitCode)
		} else {
			f.suggested = fmt.Sprintf("Init container failed with exit code %d. Check logs for details.", g.ExitCode)
		}
		return f
	}
	v := p.Validator
	if v.Waiting != nil {
		f := &podFailure{message: v.Waiting.Message}
		switch v.Waiting.Reason {
		case "ImagePullBackOff", "ErrImagePull":
			f.reason, f.transient, f.image = v.Waiting.Reason, true, true
			f.suggested = "Image pull error. Verify image exists and credentials are correct. Consider fallback to pre-built image."
		case "CreateContainerConfigError":
			f.reason = "CreateContainerConfigError"
			f.suggested = "Container configuration error. Check volume mounts, environment variables, and security context."
		case "RunContainerError":
			f.reason = "RunContainerError"
			f.suggested = "Container failed to run. Check container configuration and logs."
		default:
			return nil // PodInitializing: still starting
		}
		return f
	}
	if v.Terminated && v.ExitCode != 0 {
		f := &podFailure{reason: "Unknown", message: v.Message,
			suggested: fmt.Sprintf("Container failed with exit code %d. Check logs for details.", v.ExitCode)}
		switch {
		case v.ExitCode == 126:
			f.reason, f.noRetry = "PermissionDenied", true
			f.suggested = "Container failed with permission denied. This may be a file system permission issue or OpenShift SCC constraint."
		case v.ExitCode == 127:
			f.reason, f.noRetry = "PermissionDenied", true
			f.suggested = "Required command not found in the container image."
		}
		return f
	}
	return nil
}

// recoveryAction is the operator's getFailureRecoveryAction.
func recoveryAction(f *podFailure, retryCount int64) string {
	switch {
	case f.noRetry:
		return "do_not_retry"
	case retryCount >= MaxRetries:
		return "max_retries_exceeded"
	case f.init && f.image:
		return "skip_init_container"
	case f.init:
		return "retry_same_config"
	case f.image && retryCount < 2:
		return "retry_with_backoff"
	case f.image:
		return "fallback_to_prebuilt_image"
	case f.transient:
		return "retry_with_backoff"
	}
	return "manual_intervention_required"
}

// ParseResultsSummary reads the JSON after "Results Summary:" in a validator
// log, as the operator's parseResultsFromLogs does (first "{" to last "}").
func ParseResultsSummary(log string) (*Summary, error) {
	i := strings.Index(log, "Results Summary:")
	if i < 0 {
		return nil, fmt.Errorf("results summary not found in logs")
	}
	section := log[i+len("Results Summary:"):]
	first, last := strings.Index(section, "{"), strings.LastIndex(section, "}")
	if first < 0 || last < first {
		return nil, fmt.Errorf("JSON not found in results section")
	}
	var s Summary
	if err := json.Unmarshal([]byte(section[first:last+1]), &s); err != nil {
		return nil, fmt.Errorf("failed to parse results JSON: %w", err)
	}
	return &s, nil
}
