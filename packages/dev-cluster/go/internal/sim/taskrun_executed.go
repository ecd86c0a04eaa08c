package sim

import (
	"fmt"
	"reflect"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/execute"
)

// TaskRunner runs TaskRun pods for real (execute.Platform).
type TaskRunner interface {
	TaskRun(tr *unstructured.Unstructured, attempt int) *execute.TaskRunExecution
	StartTaskRun(tr *unstructured.Unstructured, taskName string, taskSpec map[string]interface{}, podName string, attempt int) *execute.TaskRunExecution
}

// AdvanceExecutedTaskRun writes the status of a TaskRun whose steps the
// platform runs, the way Tekton's TaskRun reconciler writes it from the pod
// (pkg/reconciler/taskrun/taskrun.go, pkg/pod/status.go): Pending with the pod
// and its steps waiting, Running once a step runs, each step's real state
// (running, terminated with its exit code; Continued, Skipped), the results
// its steps wrote, then Succeeded, or Failed with StepFailed ("step-x" exited
// with code N: Error) or FailureIgnored for a pipeline task with
// onError: continue. A failure with retries left is archived in
// retriesStatus and runs again in a new pod. A pod that cannot start fails the
// TaskRun with Tekton's reason (PodCreationFailed, TaskRunImagePullFailed,
// TaskRunValidationFailed); a cancelled TaskRun stops its pod.
func AdvanceExecutedTaskRun(tr *unstructured.Unstructured, task TaskInfo, runner TaskRunner, env Env) (map[string]interface{}, bool) {
	st := status(tr)
	if done, _ := TaskRunDone(tr); done {
		return st, false
	}
	retriesStatus, _ := st["retriesStatus"].([]interface{})
	attempt := len(retriesStatus)
	specStatus, _, _ := unstructured.NestedString(tr.Object, "spec", "status")
	if specStatus == "TaskRunCancelled" {
		if e := runner.TaskRun(tr, attempt); e != nil {
			e.Cancel()
		}
		return AdvanceTaskRun(tr, task, env) // the cancelled status is the same
	}
	_, reason, started := succeededCondition(st)
	if !started || reason == "ToBeRetried" {
		if !task.Found {
			return AdvanceTaskRun(tr, task, env)
		}
		pod := TektonChildName(tr.GetName(), "pod")
		if attempt > 0 {
			pod = TektonChildName(tr.GetName(), fmt.Sprintf("pod-retry%d", attempt))
		}
		runner.StartTaskRun(tr, task.Name, task.Spec, pod, attempt)
		st["podName"] = pod
		st["startTime"] = env.ts()
		var steps []interface{}
		for _, s := range task.Steps {
			steps = append(steps, map[string]interface{}{
				"name": s.Name, "container": "step-" + s.Name, "imageID": s.Image,
				"waiting": map[string]interface{}{"reason": "PodInitializing"},
			})
		}
		st["steps"] = steps
		setCondition(st, knCondition("Succeeded", "Unknown", "Pending", "Pending", env.ts()))
		return st, true
	}
	e := runner.TaskRun(tr, attempt)
	if e == nil {
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", "Failed",
			fmt.Sprintf("the pod %s of this TaskRun is gone: the dev cluster's simulator restarted while it ran", str(st, "podName")), env.ts()))
		return st, true
	}
	before := deepCopy(st)
	p := e.Progress()
	st["steps"] = executedSteps(p.Steps, env.Seed)
	if len(p.Results) > 0 {
		var results []interface{}
		for _, r := range p.Results {
			results = append(results, map[string]interface{}{"name": r.Name, "type": r.Type, "value": r.Value})
		}
		st["results"] = results
	}
	switch {
	case p.FailReason != "" && p.Done:
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", p.FailReason, p.FailMessage, env.ts()))
	case p.Done:
		failed := failedStep(p.Steps)
		if failed == nil {
			st["completionTime"] = env.ts()
			setCondition(st, knCondition("Succeeded", "True", "Succeeded", "All Steps have completed executing", env.ts()))
			break
		}
		msg := fmt.Sprintf("%q exited with code %d: %s", failed.Container, failed.ExitCode, failed.Reason)
		if failed.TerminationReason == "TimeoutExceeded" {
			msg = fmt.Sprintf("%q exited because the step exceeded the specified timeout limit", failed.Container)
		}
		return failedAttempt(tr, st, retriesStatus, msg, env), true
	case p.Pending != "":
		setCondition(st, knCondition("Succeeded", "Unknown", "Pending", p.Pending, env.ts()))
	case anyStepStarted(p.Steps):
		setCondition(st, knCondition("Succeeded", "Unknown", "Running", "Not all Steps in the Task have finished executing", env.ts()))
	}
	return st, !reflect.DeepEqual(before, st)
}

// failedStep is the step that failed the pod (a non-zero exit not continued).
func failedStep(steps []execute.StepState) *execute.StepState {
	for i := range steps {
		s := &steps[i]
		if s.Terminated && s.ExitCode != 0 && s.TerminationReason != "Continued" && s.TerminationReason != "Skipped" {
			return s
		}
	}
	return nil
}

func anyStepStarted(steps []execute.StepState) bool {
	for _, s := range steps {
		if s.Running || s.Terminated {
			return true
		}
	}
	return false
}

// executedSteps is status.steps from the pod's step containers.
func executedSteps(steps []execute.StepState, seed int64) []interface{} {
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	var out []interface{}
	for _, s := range steps {
		m := map[string]interface{}{"name": s.Name, "container": s.Container, "imageID": s.ImageID}
		switch {
		case s.Terminated:
			m["terminated"] = map[string]interface{}{
				"exitCode": int64(s.ExitCode), "reason": s.Reason, "startedAt": ts(s.Started), "finishedAt": ts(s.Finished),
				"containerID": "cri-o://" + fmt.Sprintf("%016x", Hash(seed, s.Container, ts(s.Started))),
			}
			m["terminationReason"] = s.TerminationReason
		case s.Running:
			m["running"] = map[string]interface{}{"startedAt": ts(s.Started)}
		case s.Waiting != nil:
			w := map[string]interface{}{"reason": s.Waiting.Reason}
			if s.Waiting.Message != "" {
				w["message"] = s.Waiting.Message
			}
			m["waiting"] = w
		}
		out = append(out, m)
	}
	return out
}

func deepCopy(m map[string]interface{}) map[string]interface{} {
	return (&unstructured.Unstructured{Object: map[string]interface{}{"x": m}}).DeepCopy().Object["x"].(map[string]interface{})
}

// taskSimulated: the TaskRun or its Task asks to be simulated.
func taskSimulated(tr *unstructured.Unstructured, task TaskInfo) bool {
	return Simulated(tr) || task.Simulated
}
