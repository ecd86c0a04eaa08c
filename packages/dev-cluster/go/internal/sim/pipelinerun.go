package sim

import (
	"fmt"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// PipelineTask is the part of a pipeline task the simulator needs.
type PipelineTask struct {
	Name     string
	TaskRef  string
	TaskSpec map[string]interface{}
	Params   []interface{}
	RunAfter []string
	When     []interface{}
	Work     []interface{}
}

// PipelineTasks returns a pipeline's tasks in execution order: a stable
// topological order over runAfter (tasks run one at a time in the simulator).
func PipelineTasks(spec map[string]interface{}) ([]PipelineTask, error) {
	raw, _ := spec["tasks"].([]interface{})
	var tasks []PipelineTask
	index := map[string]int{}
	for _, t := range raw {
		m, _ := t.(map[string]interface{})
		pt := PipelineTask{Name: str(m, "name"), TaskRef: str(m, "taskRef", "name")}
		pt.TaskSpec, _, _ = unstructured.NestedMap(m, "taskSpec")
		pt.Params, _ = m["params"].([]interface{})
		pt.When, _ = m["when"].([]interface{})
		pt.Work, _ = m["workspaces"].([]interface{})
		if ra, ok := m["runAfter"].([]interface{}); ok {
			for _, a := range ra {
				if s, ok := a.(string); ok {
					pt.RunAfter = append(pt.RunAfter, s)
				}
			}
		}
		index[pt.Name] = len(tasks)
		tasks = append(tasks, pt)
	}
	// Kahn's algorithm, picking the earliest-declared ready task each time.
	done := map[string]bool{}
	var out []PipelineTask
	for len(out) < len(tasks) {
		progressed := false
		for _, t := range tasks {
			if done[t.Name] {
				continue
			}
			ready := true
			for _, a := range t.RunAfter {
				if _, known := index[a]; !known {
					return nil, fmt.Errorf("task %q runs after unknown task %q", t.Name, a)
				}
				if !done[a] {
					ready = false
				}
			}
			if ready {
				done[t.Name] = true
				out = append(out, t)
				progressed = true
				break
			}
		}
		if !progressed {
			return nil, fmt.Errorf("pipeline tasks have a runAfter cycle")
		}
	}
	return out, nil
}

// RunParams merges the pipeline's param defaults with the run's values.
func RunParams(pipelineSpec map[string]interface{}, pr *unstructured.Unstructured) map[string]string {
	out := map[string]string{}
	decl, _ := pipelineSpec["params"].([]interface{})
	for _, d := range decl {
		m, _ := d.(map[string]interface{})
		if v, ok := m["default"].(string); ok {
			out[str(m, "name")] = v
		}
	}
	params, _, _ := unstructured.NestedSlice(pr.Object, "spec", "params")
	for _, p := range params {
		m, _ := p.(map[string]interface{})
		if v, ok := m["value"].(string); ok {
			out[str(m, "name")] = v
		}
	}
	return out
}

func substitute(s string, params map[string]string) string {
	for k, v := range params {
		s = strings.ReplaceAll(s, "$(params."+k+")", v)
	}
	return s
}

// WhenAllows evaluates a task's when expressions (in/notin) against params.
func WhenAllows(when []interface{}, params map[string]string) bool {
	for _, w := range when {
		m, _ := w.(map[string]interface{})
		input := substitute(str(m, "input"), params)
		values, _ := m["values"].([]interface{})
		in := false
		for _, v := range values {
			if s, ok := v.(string); ok && substitute(s, params) == input {
				in = true
			}
		}
		switch str(m, "operator") {
		case "in":
			if !in {
				return false
			}
		case "notin":
			if in {
				return false
			}
		}
	}
	return true
}

// PRActions are the side effects a PipelineRun step asks for.
type PRActions struct {
	Create []*unstructured.Unstructured // TaskRuns to create
	Cancel []string                     // TaskRun names to cancel
}

// AdvancePipelineRun moves a PipelineRun one step given its Pipeline spec
// (nil: not found) and its child TaskRuns by pipeline task name. Tasks run in
// order; a task whose `when` is false is skipped; a failed TaskRun fails the
// run; spec.status Cancelled/CancelledRunFinally/StoppedRunFinally cancels it.
func AdvancePipelineRun(pr *unstructured.Unstructured, pipelineSpec map[string]interface{}, children map[string]*unstructured.Unstructured, env Env) (map[string]interface{}, bool, PRActions) {
	var act PRActions
	st := status(pr)
	if s, _, ok := succeededCondition(st); ok && s != "Unknown" {
		return st, false, act
	}
	name := pr.GetName()
	specStatus, _, _ := unstructured.NestedString(pr.Object, "spec", "status")
	if specStatus == "PipelineRunPending" {
		if _, r, _ := succeededCondition(st); r == "PipelineRunPending" {
			return st, false, act
		}
		setCondition(st, knCondition("Succeeded", "Unknown", "PipelineRunPending", fmt.Sprintf("PipelineRun %q is pending", name), env.ts()))
		return st, true, act
	}
	if _, _, ok := succeededCondition(st); !ok {
		st["startTime"] = env.ts()
		if pipelineSpec == nil {
			ref, _, _ := unstructured.NestedString(pr.Object, "spec", "pipelineRef", "name")
			st["completionTime"] = env.ts()
			setCondition(st, knCondition("Succeeded", "False", "CouldntGetPipeline",
				fmt.Sprintf("Error retrieving pipeline for pipelinerun %s/%s: pipelines.tekton.dev %q not found", pr.GetNamespace(), name, ref), env.ts()))
			return st, true, act
		}
		setCondition(st, knCondition("Succeeded", "Unknown", "Started", "", env.ts()))
		return st, true, act
	}
	if specStatus == "Cancelled" || specStatus == "CancelledRunFinally" || specStatus == "StoppedRunFinally" {
		cancelled := 0
		for _, c := range children {
			if done, _ := TaskRunDone(c); !done {
				act.Cancel = append(act.Cancel, c.GetName())
				cancelled++
			}
		}
		sort.Strings(act.Cancel)
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", "Cancelled", fmt.Sprintf("PipelineRun %q was cancelled", name), env.ts()))
		return st, true, act
	}

	tasks, err := PipelineTasks(pipelineSpec)
	if err != nil {
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", "PipelineInvalidGraph", err.Error(), env.ts()))
		return st, true, act
	}
	params := RunParams(pipelineSpec, pr)
	failAt := ""
	if Outcome(pr) == "fail" {
		failAt = pr.GetAnnotations()[kube.AnnFailAt]
	}
	var skipped []interface{}
	var refs []interface{}
	completed, failed := 0, 0
	for i, t := range tasks {
		if !WhenAllows(t.When, params) {
			skipped = append(skipped, map[string]interface{}{
				"name": t.Name, "reason": "When Expressions evaluated to false", "whenExpressions": t.When,
			})
			continue
		}
		if failAt == "" && Outcome(pr) == "fail" {
			failAt = t.Name // default: the first task that runs
		}
		child, exists := children[t.Name]
		trName := TektonChildName(name, t.Name)
		if exists {
			trName = child.GetName()
		}
		refs = append(refs, map[string]interface{}{
			"apiVersion": "tekton.dev/v1", "kind": "TaskRun", "name": trName, "pipelineTaskName": t.Name,
		})
		if !exists {
			act.Create = append(act.Create, NewTaskRun(pr, t, trName, params, t.Name == failAt))
			st["childReferences"] = refs
			setRunning(st, completed, failed, len(tasks)-i, len(skipped), env)
			return st, true, act
		}
		done, ok := TaskRunDone(child)
		if !done {
			st["childReferences"] = refs
			setRunning(st, completed, failed, len(tasks)-i, len(skipped), env)
			return st, !sameRunning(pr, st), act
		}
		if !ok {
			failed++
			for _, rest := range tasks[i+1:] {
				skipped = append(skipped, map[string]interface{}{"name": rest.Name, "reason": "PipelineRun was stopping"})
			}
			st["childReferences"] = refs
			if len(skipped) > 0 {
				st["skippedTasks"] = skipped
			}
			st["completionTime"] = env.ts()
			setCondition(st, knCondition("Succeeded", "False", "Failed",
				fmt.Sprintf("Tasks Completed: %d (Failed: %d, Cancelled 0), Skipped: %d", completed+failed, failed, len(skipped)), env.ts()))
			return st, true, act
		}
		completed++
	}
	st["childReferences"] = refs
	if len(skipped) > 0 {
		st["skippedTasks"] = skipped
	}
	if res := pipelineResults(pipelineSpec, children); len(res) > 0 {
		st["results"] = res
	}
	reason := "Succeeded"
	if len(skipped) > 0 {
		reason = "Completed"
	}
	st["completionTime"] = env.ts()
	setCondition(st, knCondition("Succeeded", "True", reason,
		fmt.Sprintf("Tasks Completed: %d (Failed: 0, Cancelled 0), Skipped: %d", completed, len(skipped)), env.ts()))
	return st, true, act
}

func setRunning(st map[string]interface{}, completed, failed, incomplete, skipped int, env Env) {
	setCondition(st, knCondition("Succeeded", "Unknown", "Running",
		fmt.Sprintf("Tasks Completed: %d (Failed: %d, Cancelled 0), Incomplete: %d, Skipped: %d", completed, failed, incomplete, skipped), env.ts()))
}

func sameRunning(pr *unstructured.Unstructured, st map[string]interface{}) bool {
	_, oldReason, _ := succeededCondition(status(pr))
	_, newReason, _ := succeededCondition(st)
	oldRefs, _, _ := unstructured.NestedSlice(pr.Object, "status", "childReferences")
	newRefs, _ := st["childReferences"].([]interface{})
	return oldReason == newReason && len(oldRefs) == len(newRefs)
}

// pipelineResults resolves $(tasks.<t>.results.<r>) in the pipeline's results.
func pipelineResults(spec map[string]interface{}, children map[string]*unstructured.Unstructured) []interface{} {
	decl, _ := spec["results"].([]interface{})
	var out []interface{}
	for _, d := range decl {
		m, _ := d.(map[string]interface{})
		v, _ := m["value"].(string)
		for task, tr := range children {
			rs, _, _ := unstructured.NestedSlice(tr.Object, "status", "results")
			for _, r := range rs {
				rm, _ := r.(map[string]interface{})
				if val, ok := rm["value"].(string); ok {
					v = strings.ReplaceAll(v, fmt.Sprintf("$(tasks.%s.results.%s)", task, str(rm, "name")), val)
				}
			}
		}
		if !strings.Contains(v, "$(") {
			out = append(out, map[string]interface{}{"name": str(m, "name"), "value": v})
		}
	}
	return out
}

// NewTaskRun makes the child TaskRun of a pipeline task, labelled and owned
// the way Tekton does it.
func NewTaskRun(pr *unstructured.Unstructured, t PipelineTask, name string, params map[string]string, fail bool) *unstructured.Unstructured {
	labels := map[string]interface{}{}
	for k, v := range pr.GetLabels() {
		labels[k] = v
	}
	pipeline, _, _ := unstructured.NestedString(pr.Object, "spec", "pipelineRef", "name")
	if pipeline == "" {
		pipeline = pr.GetName()
	}
	labels["tekton.dev/pipeline"] = pipeline
	labels["tekton.dev/pipelineRun"] = pr.GetName()
	labels["tekton.dev/pipelineTask"] = t.Name
	labels["tekton.dev/memberOf"] = "tasks"
	labels["app.kubernetes.io/managed-by"] = "tekton-pipelines"
	if t.TaskRef != "" {
		labels["tekton.dev/task"] = t.TaskRef
	}
	annotations := map[string]interface{}{}
	if hold := pr.GetAnnotations()[kube.AnnStepSeconds]; hold != "" {
		annotations[kube.AnnStepSeconds] = hold
	}
	if fail {
		annotations[kube.AnnOutcome] = "fail"
		if step := pr.GetAnnotations()[kube.AnnFailAt+"-step"]; step != "" {
			annotations[kube.AnnFailAt] = step
		}
	}
	var tparams []interface{}
	for _, p := range t.Params {
		m, _ := p.(map[string]interface{})
		v := m["value"]
		if s, ok := v.(string); ok {
			v = substitute(s, params)
		}
		tparams = append(tparams, map[string]interface{}{"name": str(m, "name"), "value": v})
	}
	spec := map[string]interface{}{"timeout": "1h0m0s"}
	if t.TaskRef != "" {
		spec["taskRef"] = map[string]interface{}{"name": t.TaskRef, "kind": "Task"}
	} else {
		spec["taskSpec"] = t.TaskSpec
	}
	if len(tparams) > 0 {
		spec["params"] = tparams
	}
	if sa, _, _ := unstructured.NestedString(pr.Object, "spec", "taskRunTemplate", "serviceAccountName"); sa != "" {
		spec["serviceAccountName"] = sa
	} else {
		spec["serviceAccountName"] = "default"
	}
	if ws := taskWorkspaces(pr, t); len(ws) > 0 {
		spec["workspaces"] = ws
	}
	yes := true
	return &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "tekton.dev/v1", "kind": "TaskRun",
		"metadata": map[string]interface{}{
			"name": name, "namespace": pr.GetNamespace(), "labels": labels, "annotations": annotations,
			"ownerReferences": []interface{}{map[string]interface{}{
				"apiVersion": "tekton.dev/v1", "kind": "PipelineRun", "name": pr.GetName(), "uid": string(pr.GetUID()),
				"controller": yes, "blockOwnerDeletion": yes,
			}},
		},
		"spec": spec,
	}}
}

// taskWorkspaces binds a pipeline task's workspaces to the run's bindings.
func taskWorkspaces(pr *unstructured.Unstructured, t PipelineTask) []interface{} {
	bindings, _, _ := unstructured.NestedSlice(pr.Object, "spec", "workspaces")
	byName := map[string]map[string]interface{}{}
	for _, b := range bindings {
		m, _ := b.(map[string]interface{})
		byName[str(m, "name")] = m
	}
	var out []interface{}
	for _, w := range t.Work {
		m, _ := w.(map[string]interface{})
		src := str(m, "workspace")
		if src == "" {
			src = str(m, "name")
		}
		b, ok := byName[src]
		if !ok {
			continue
		}
		cp := map[string]interface{}{}
		for k, v := range b {
			cp[k] = v
		}
		cp["name"] = str(m, "name")
		out = append(out, cp)
	}
	return out
}
