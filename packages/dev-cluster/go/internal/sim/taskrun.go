package sim

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// Step is what the simulator needs of a Task step.
type Step struct {
	Name    string
	Image   string
	Script  string
	OnError string // "continue": a failure of the step does not fail the task
}

// TaskInfo is the resolved Task of a TaskRun.
type TaskInfo struct {
	Name    string
	Steps   []Step
	Results []string
	Found   bool
	// Spec is the Task's spec (what an executed TaskRun runs).
	Spec map[string]interface{}
	// Simulated: the Task asks for its runs to be simulated (kube.AnnSimulate).
	Simulated bool
}

// TaskInfoFromSpec reads steps and result names from a Task spec.
func TaskInfoFromSpec(name string, spec map[string]interface{}) TaskInfo {
	ti := TaskInfo{Name: name, Found: spec != nil, Spec: spec}
	steps, _ := spec["steps"].([]interface{})
	for i, s := range steps {
		m, _ := s.(map[string]interface{})
		st := Step{Name: str(m, "name"), Image: str(m, "image"), Script: str(m, "script"), OnError: str(m, "onError")}
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

var resultPathRef = regexp.MustCompile(`\$\(results\.([A-Za-z0-9_.-]+)\.path\)`)
var literalResult = regexp.MustCompile(`(?:echo -n|printf(?: '%s')?) ["']?([^"'$|>]*?)["']? *>+ *\$\(results\.([A-Za-z0-9_.-]+)\.path\)`)

// writtenResults are the results a step's script writes to $(results.x.path),
// with the value of a literal write (`echo -n healthy > $(results.x.path)`).
func writtenResults(script string) map[string]*string {
	out := map[string]*string{}
	for _, m := range resultPathRef.FindAllStringSubmatch(script, -1) {
		out[m[1]] = nil
	}
	for _, m := range literalResult.FindAllStringSubmatch(script, -1) {
		v := strings.TrimSpace(m[1])
		out[m[2]] = &v
	}
	return out
}

// TaskRunDone reports whether a TaskRun has finished, and whether it succeeded.
func TaskRunDone(tr *unstructured.Unstructured) (done, succeeded bool) {
	s, _, ok := succeededCondition(status(tr))
	if !ok {
		return false, false
	}
	return s != "Unknown", s == "True"
}

// attemptFails reports whether the current attempt of a TaskRun fails:
// sim.mlops.dev/outcome "fail", for the first sim.mlops.dev/fail-attempts
// attempts (every attempt by default).
func attemptFails(tr *unstructured.Unstructured, attempt int) bool {
	if Outcome(tr) != "fail" {
		return false
	}
	limit, err := strconv.Atoi(strings.TrimSpace(tr.GetAnnotations()[kube.AnnFailAttempts]))
	return err != nil || limit <= 0 || attempt < limit
}

// AdvanceTaskRun moves a TaskRun one step, the way Tekton's TaskRun reconciler
// and pod status conversion write it (pkg/reconciler/taskrun/taskrun.go,
// pkg/pod/status.go): Pending → each step running in turn (one per call) →
// Succeeded. A failing attempt (sim.mlops.dev/outcome "fail") fails the step
// named by sim.mlops.dev/fail-at (default: the last): a step with
// `onError: continue` ends Continued and the task goes on; otherwise the rest
// of the steps are Skipped and the TaskRun fails with StepFailed, or with
// FailureIgnored when its pipeline task has `onError: continue`. A failure with
// retries left (spec.retries) is archived in retriesStatus and the TaskRun
// starts again (ToBeRetried, then a pod <taskrun>-pod-retry<n>). spec.status
// TaskRunCancelled ends it as TaskRunCancelled with the spec's statusMessage.
// Results are written only when a step writes them ($(results.x.path)). Each
// step's log goes to the log store (pod <taskrun>-pod…, container step-<name>).
func AdvanceTaskRun(tr *unstructured.Unstructured, task TaskInfo, env Env) (map[string]interface{}, bool) {
	st := status(tr)
	if done, _ := TaskRunDone(tr); done {
		return st, false
	}
	ns, name := tr.GetNamespace(), tr.GetName()
	specStatus, _, _ := unstructured.NestedString(tr.Object, "spec", "status")
	retriesStatus, _ := st["retriesStatus"].([]interface{})
	attempt := len(retriesStatus)
	pod := TektonChildName(name, "pod")
	if attempt > 0 {
		pod = TektonChildName(name, fmt.Sprintf("pod-retry%d", attempt))
	}

	if specStatus == "TaskRunCancelled" {
		msg, _, _ := unstructured.NestedString(tr.Object, "spec", "statusMessage")
		steps, _ := st["steps"].([]interface{})
		for _, s := range steps {
			m := s.(map[string]interface{})
			if _, term := m["terminated"]; !term {
				terminate(m, 1, "TaskRunCancelled", env)
				finishStep(env, ns, str(st, "podName"), m, "TaskRun cancelled")
			}
		}
		if str(st, "startTime") == "" {
			st["startTime"] = env.ts()
		}
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", "TaskRunCancelled", strings.TrimSpace(fmt.Sprintf("TaskRun %q was cancelled. %s", name, msg)), env.ts()))
		return st, true
	}

	if _, reason, ok := succeededCondition(st); !ok || reason == "ToBeRetried" {
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
	failAt := ""
	if attemptFails(tr, attempt) {
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
		if stepName != failAt {
			terminate(m, 0, "Completed", env)
			finishStep(env, ns, pod, m, "")
			break
		}
		writeStepFailure(env, ns, pod, stepName)
		if stepOf(task, stepName).OnError == "continue" {
			terminate(m, 1, "Completed", env)
			m["terminationReason"] = "Continued"
			break
		}
		terminate(m, 1, "Error", env)
		for _, rest := range steps[i+1:] {
			rm := rest.(map[string]interface{})
			terminate(rm, 0, "Completed", env)
			rm["terminationReason"] = "Skipped"
			_ = env.Logs.Finish(ns, "pods", pod, rm["container"].(string))
		}
		writeResults(st, task, steps, env.Seed, name)
		msg := fmt.Sprintf("%q exited with code 1: Error", "step-"+stepName)
		return failedAttempt(tr, st, retriesStatus, msg, env), true
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
	// Every step terminated (succeeded or continued).
	writeResults(st, task, steps, env.Seed, name)
	st["completionTime"] = env.ts()
	setCondition(st, knCondition("Succeeded", "True", "Succeeded", "All Steps have completed executing", env.ts()))
	return st, true
}

func stepOf(task TaskInfo, name string) Step {
	for _, s := range task.Steps {
		if s.Name == name {
			return s
		}
	}
	return Step{}
}

// writeResults writes the results the finished steps of the TaskRun wrote.
func writeResults(st map[string]interface{}, task TaskInfo, steps []interface{}, seed int64, run string) {
	declared := map[string]bool{}
	for _, r := range task.Results {
		declared[r] = true
	}
	values := map[string]string{}
	var names []string
	for _, s := range steps {
		m := s.(map[string]interface{})
		if m["terminationReason"] != "Completed" && m["terminationReason"] != "Continued" {
			continue
		}
		for result, literal := range writtenResults(stepOf(task, str(m, "name")).Script) {
			if !declared[result] {
				continue
			}
			if _, seen := values[result]; !seen {
				names = append(names, result)
			}
			if literal != nil {
				values[result] = *literal
			} else {
				values[result] = ResultValue(task.Name, result, seed, run)
			}
		}
	}
	sort.Strings(names)
	var results []interface{}
	for _, n := range names {
		results = append(results, map[string]interface{}{"name": n, "type": "string", "value": values[n]})
	}
	if len(results) > 0 {
		st["results"] = results
	}
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
	case "metrics":
		// A classifier's metrics as the plugins' convention carries them: a JSON
		// object of metric name to number, different for every run.
		acc := 0.82 + float64(h%130)/1000
		return fmt.Sprintf(`{"accuracy":%.3f,"f1":%.3f,"roc_auc":%.3f}`, acc, acc-0.02-float64(h%17)/1000, acc+0.03+float64(h%11)/1000)
	case "model-version", "model-path":
		return fmt.Sprintf("v%d", 1+h%50)
	}
	return fmt.Sprintf("%s-%d", result, h%1000)
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

// failedAttempt is the status after an attempt whose step failed with msg, as
// Tekton writes it (pkg/reconciler/taskrun/taskrun.go): with retries left the
// attempt is archived in retriesStatus and the TaskRun is ToBeRetried on a new
// pod; else it failed (StepFailed, or FailureIgnored when its pipeline task
// has onError: continue).
func failedAttempt(tr *unstructured.Unstructured, st map[string]interface{}, retriesStatus []interface{}, msg string, env Env) map[string]interface{} {
	retries, _, _ := unstructured.NestedInt64(tr.Object, "spec", "retries")
	if int64(len(retriesStatus)) < retries {
		archived := map[string]interface{}{}
		for k, v := range st {
			if k != "retriesStatus" {
				archived[k] = v
			}
		}
		archived["completionTime"] = env.ts()
		archived["conditions"] = []interface{}{knCondition("Succeeded", "False", "StepFailed", msg, env.ts())}
		next := map[string]interface{}{"retriesStatus": append(retriesStatus, archived), "podName": ""}
		setCondition(next, knCondition("Succeeded", "Unknown", "ToBeRetried", msg, env.ts()))
		return next
	}
	reason := "StepFailed"
	if tr.GetAnnotations()[OnErrorAnnotation] == "continue" {
		reason = "FailureIgnored"
	}
	st["completionTime"] = env.ts()
	setCondition(st, knCondition("Succeeded", "False", reason, msg, env.ts()))
	return st
}
