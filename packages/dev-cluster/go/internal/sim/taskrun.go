package sim

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// Step is what the simulator needs of a Task step.
type Step struct {
	Name   string
	Image  string
	Script string
}

// TaskInfo is the resolved Task of a TaskRun.
type TaskInfo struct {
	Name    string
	Steps   []Step
	Results []string
	Found   bool
}

// TaskInfoFromSpec reads steps and result names from a Task spec.
func TaskInfoFromSpec(name string, spec map[string]interface{}) TaskInfo {
	ti := TaskInfo{Name: name, Found: spec != nil}
	steps, _ := spec["steps"].([]interface{})
	for i, s := range steps {
		m, _ := s.(map[string]interface{})
		st := Step{Name: str(m, "name"), Image: str(m, "image"), Script: str(m, "script")}
		if st.Name == "" {
			st.Name = fmt.Sprintf("unnamed-%d", i)
		}
		ti.Steps = append(ti.Steps, st)
	}
	results, _ := spec["results"].([]interface{})
	for _, r := range results {
		m, _ := r.(map[string]interface{})
		if n := str(m, "name"); n != "" {
			ti.Results = append(ti.Results, n)
		}
	}
	return ti
}

// TaskRunDone reports whether a TaskRun has finished, and whether it succeeded.
func TaskRunDone(tr *unstructured.Unstructured) (done, succeeded bool) {
	s, _, ok := succeededCondition(status(tr))
	if !ok {
		return false, false
	}
	return s != "Unknown", s == "True"
}

// AdvanceTaskRun moves a TaskRun one step: Pending → each step running in
// turn (one per call) → Succeeded, or Failed at the step named by
// sim.mlops.dev/fail-at (default: the last step) when sim.mlops.dev/outcome is
// "fail"; spec.status TaskRunCancelled ends it as TaskRunCancelled. It writes
// each step's log to the pod <taskrun>-pod, container step-<name>. It returns
// the new status and whether anything changed.
func AdvanceTaskRun(tr *unstructured.Unstructured, task TaskInfo, env Env) (map[string]interface{}, bool) {
	st := status(tr)
	if done, _ := TaskRunDone(tr); done {
		return st, false
	}
	ns, name := tr.GetNamespace(), tr.GetName()
	pod := TektonChildName(name, "pod")
	specStatus, _, _ := unstructured.NestedString(tr.Object, "spec", "status")

	if _, _, ok := succeededCondition(st); !ok {
		if !task.Found {
			st["startTime"] = env.ts()
			st["completionTime"] = env.ts()
			setCondition(st, knCondition("Succeeded", "False", "TaskRunResolutionFailed",
				fmt.Sprintf("error requesting remote resource: tasks.tekton.dev %q not found", task.Name), env.ts()))
			return st, true
		}
		st["podName"] = pod
		st["startTime"] = env.ts()
		var steps []interface{}
		for _, s := range task.Steps {
			steps = append(steps, map[string]interface{}{
				"name": s.Name, "container": "step-" + s.Name, "imageID": imageID(s.Image),
				"waiting": map[string]interface{}{"reason": "PodInitializing"},
			})
		}
		st["steps"] = steps
		setCondition(st, knCondition("Succeeded", "Unknown", "Pending", "Pending", env.ts()))
		return st, true
	}

	steps, _ := st["steps"].([]interface{})
	if specStatus == "TaskRunCancelled" {
		for _, s := range steps {
			m := s.(map[string]interface{})
			if _, term := m["terminated"]; !term {
				terminate(m, 1, "TaskRunCancelled", env)
				finishStep(env, ns, pod, m, "TaskRun cancelled")
			}
		}
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", "TaskRunCancelled", fmt.Sprintf("TaskRun %q was cancelled. ", name), env.ts()))
		return st, true
	}

	failAt := ""
	if Outcome(tr) == "fail" {
		failAt = tr.GetAnnotations()[kube.AnnFailAt]
		if failAt == "" && len(task.Steps) > 0 {
			failAt = task.Steps[len(task.Steps)-1].Name
		}
	}
	// Terminate the running step (if any), then start the next waiting one.
	for i, s := range steps {
		m := s.(map[string]interface{})
		if _, running := m["running"]; !running {
			continue
		}
		stepName, _ := m["name"].(string)
		if progressing(tr, m["running"], env) {
			appendProgress(env, ns, "pods", pod, m["container"].(string), m["running"], holdFor(tr))
			return st, false
		}
		if stepName == failAt {
			terminate(m, 1, "Error", env)
			writeStepFailure(env, ns, pod, stepName)
			for _, rest := range steps[i+1:] {
				rm := rest.(map[string]interface{})
				terminate(rm, 1, "Skipped", env)
				_ = env.Logs.Finish(ns, "pods", pod, rm["container"].(string))
			}
			st["completionTime"] = env.ts()
			setCondition(st, knCondition("Succeeded", "False", "Failed", fmt.Sprintf("%q exited with code 1", "step-"+stepName), env.ts()))
			return st, true
		}
		terminate(m, 0, "Completed", env)
		finishStep(env, ns, pod, m, "")
		break
	}
	for _, s := range steps {
		m := s.(map[string]interface{})
		if _, waiting := m["waiting"]; waiting {
			delete(m, "waiting")
			m["running"] = map[string]interface{}{"startedAt": env.ts()}
			stepName, _ := m["name"].(string)
			startStep(env, ns, pod, task, stepName, tr)
			setCondition(st, knCondition("Succeeded", "Unknown", "Running", "Not all Steps in the Task have finished executing", env.ts()))
			return st, true
		}
	}
	// Every step terminated successfully.
	var results []interface{}
	for _, r := range task.Results {
		results = append(results, map[string]interface{}{"name": r, "type": "string", "value": ResultValue(task.Name, r, env.Seed, name)})
	}
	if len(results) > 0 {
		st["results"] = results
	}
	st["completionTime"] = env.ts()
	setCondition(st, knCondition("Succeeded", "True", "Succeeded", "All Steps have completed executing", env.ts()))
	return st, true
}

func terminate(m map[string]interface{}, code int64, reason string, env Env) {
	started := env.ts()
	if r, ok := m["running"].(map[string]interface{}); ok {
		if s, ok := r["startedAt"].(string); ok {
			started = s
		}
	}
	delete(m, "running")
	delete(m, "waiting")
	m["terminated"] = map[string]interface{}{
		"exitCode": code, "reason": reason, "startedAt": started, "finishedAt": env.ts(),
		"containerID": "cri-o://" + fmt.Sprintf("%016x", Hash(env.Seed, fmt.Sprint(m["container"]), started)),
	}
	m["terminationReason"] = reason
}

func imageID(image string) string {
	if image == "" {
		return ""
	}
	base := image
	if i := strings.LastIndex(base, ":"); i > strings.LastIndex(base, "/") {
		base = base[:i]
	}
	return base + "@" + Digest(0, image)
}

// ResultValue is the deterministic value of a Task result.
func ResultValue(task, result string, seed int64, run string) string {
	h := Hash(seed, run, result)
	switch result {
	case "health-status", "model-health":
		return "healthy"
	case "model-size-bytes":
		return fmt.Sprintf("%d", 40000+h%90000)
	case "prediction-shape":
		return "(10,)"
	case "endpoint-status", "http-status":
		return "200"
	case "latency-ms", "p95-latency-ms":
		return fmt.Sprintf("%d", 8+h%40)
	case "accuracy", "f1-score", "score":
		return fmt.Sprintf("0.%03d", 850+h%140)
	case "model-version", "model-path":
		return fmt.Sprintf("v%d", 1+h%50)
	}
	return "ok"
}

func startStep(env Env, ns, pod string, task TaskInfo, step string, tr *unstructured.Unstructured) {
	var s Step
	for _, x := range task.Steps {
		if x.Name == step {
			s = x
		}
	}
	lines := []string{fmt.Sprintf("%s [%s] starting step %q (image %s)", env.ts(), task.Name, step, s.Image)}
	for _, l := range strings.Split(strings.TrimSpace(s.Script), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, "+ "+SubstituteParams(l, tr))
		if len(lines) > 12 {
			break
		}
	}
	_ = env.Logs.Append(ns, "pods", pod, "step-"+step, strings.Join(lines, "\n"))
}

func finishStep(env Env, ns, pod string, m map[string]interface{}, note string) {
	c, _ := m["container"].(string)
	msg := fmt.Sprintf("%s step %s completed", env.ts(), strings.TrimPrefix(c, "step-"))
	if note != "" {
		msg = fmt.Sprintf("%s %s", env.ts(), note)
	}
	_ = env.Logs.Append(ns, "pods", pod, c, msg)
	_ = env.Logs.Finish(ns, "pods", pod, c)
}

func writeStepFailure(env Env, ns, pod, step string) {
	c := "step-" + step
	_ = env.Logs.Append(ns, "pods", pod, c, fmt.Sprintf("%s ERROR: step %s failed\nTraceback (most recent call last):\n  File \"/workspace/run.py\", line 42, in <module>\n    main()\nRuntimeError: %s failed (simulated failure, sim.mlops.dev/outcome=fail)\n", env.ts(), step, step))
	_ = env.Logs.Finish(ns, "pods", pod, c)
}

// SubstituteParams replaces $(params.x) in s with the TaskRun's param values.
func SubstituteParams(s string, tr *unstructured.Unstructured) string {
	params, _, _ := unstructured.NestedSlice(tr.Object, "spec", "params")
	for _, p := range params {
		m, _ := p.(map[string]interface{})
		if v, ok := m["value"].(string); ok {
			s = strings.ReplaceAll(s, "$(params."+str(m, "name")+")", v)
		}
	}
	return s
}
