package sim

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// The PipelineRun controller, after tektoncd/pipeline:
// pkg/reconciler/pipelinerun/pipelinerun.go (labels, child references, finally),
// pkg/reconciler/pipelinerun/resources/pipelinerunstate.go (condition, counts,
// skipped tasks), pipelinerunresolution.go (skipping reasons), cancel.go and
// timeout.go; docs/pipelineruns.md.

// Tekton's skipping reasons (pkg/apis/pipeline/v1/pipelinerun_types.go).
const (
	SkipWhen              = "When Expressions evaluated to false"
	SkipParent            = "Parent Tasks were skipped"
	SkipStopping          = "PipelineRun was stopping"
	SkipGracefullyCancel  = "PipelineRun was gracefully cancelled"
	SkipGracefullyStopped = "PipelineRun was gracefully stopped"
	SkipMissingResults    = "Results were missing"
	SkipPipelineTimeout   = "PipelineRun timeout has been reached"
)

// OnErrorAnnotation passes a pipeline task's onError to its TaskRun
// (v1.PipelineTaskOnErrorAnnotation).
const OnErrorAnnotation = "pipeline.tekton.dev/pipeline-task-on-error"

// TaskRun spec.statusMessage values of cancelled children (taskrun_types.go).
const (
	CancelledByPipelineMsg = "TaskRun cancelled as the PipelineRun it belongs to has been cancelled."
	CancelledByTimeoutMsg  = "TaskRun cancelled as the PipelineRun it belongs to has timed out."
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
	Finally  bool
	OnError  string
	Retries  int64
}

// Parents are the tasks it waits for: runAfter and the tasks whose results it uses.
func (t PipelineTask) Parents() []string {
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, a := range t.RunAfter {
		add(a)
	}
	for _, ref := range t.resultRefs() {
		add(ref)
	}
	return out
}

func (t PipelineTask) resultRefs() []string {
	var texts []string
	for _, p := range t.Params {
		m, _ := p.(map[string]interface{})
		if s, ok := m["value"].(string); ok {
			texts = append(texts, s)
		}
	}
	for _, w := range t.When {
		m, _ := w.(map[string]interface{})
		texts = append(texts, str(m, "input"))
		vals, _ := m["values"].([]interface{})
		for _, v := range vals {
			if s, ok := v.(string); ok {
				texts = append(texts, s)
			}
		}
	}
	var out []string
	for _, s := range texts {
		out = append(out, ResultRefs(s)...)
	}
	return out
}

func readPipelineTasks(raw []interface{}, finally bool) []PipelineTask {
	var tasks []PipelineTask
	for _, t := range raw {
		m, _ := t.(map[string]interface{})
		pt := PipelineTask{Name: str(m, "name"), TaskRef: str(m, "taskRef", "name"), Finally: finally, OnError: str(m, "onError")}
		pt.TaskSpec, _, _ = unstructured.NestedMap(m, "taskSpec")
		pt.Params, _ = m["params"].([]interface{})
		pt.When, _ = m["when"].([]interface{})
		pt.Work, _ = m["workspaces"].([]interface{})
		pt.Retries, _, _ = unstructured.NestedInt64(m, "retries")
		if ra, ok := m["runAfter"].([]interface{}); ok {
			for _, a := range ra {
				if s, ok := a.(string); ok {
					pt.RunAfter = append(pt.RunAfter, s)
				}
			}
		}
		tasks = append(tasks, pt)
	}
	return tasks
}

// PipelineTasks returns a pipeline's tasks (not finally) in a stable
// topological order over runAfter and result references.
func PipelineTasks(spec map[string]interface{}) ([]PipelineTask, error) {
	raw, _ := spec["tasks"].([]interface{})
	tasks := readPipelineTasks(raw, false)
	index := map[string]int{}
	for i, t := range tasks {
		index[t.Name] = i
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
			for _, a := range t.Parents() {
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

// FinallyTasks returns a pipeline's finally tasks in declaration order.
func FinallyTasks(spec map[string]interface{}) []PipelineTask {
	raw, _ := spec["finally"].([]interface{})
	return readPipelineTasks(raw, true)
}

// RunValues returns the run's params (defaults, then the run's values).
func RunParams(pipelineSpec map[string]interface{}, pr *unstructured.Unstructured) RunValues {
	// The run's context variables, after tektoncd/pipeline
	// pkg/reconciler/pipelinerun/resources/apply.go ApplyContexts.
	v := RunValues{Params: map[string]string{}, ArrayParams: map[string][]string{}, Results: map[string]map[string]string{},
		Context: map[string]string{
			"context.pipelineRun.name": pr.GetName(), "context.pipelineRun.namespace": pr.GetNamespace(),
			"context.pipelineRun.uid": string(pr.GetUID()), "context.pipeline.name": PipelineLabel(pr),
		}}
	set := func(name string, value interface{}) {
		switch val := value.(type) {
		case string:
			v.Params[name] = val
		case []interface{}:
			var items []string
			for _, item := range val {
				if s, ok := item.(string); ok {
					items = append(items, s)
				}
			}
			v.ArrayParams[name] = items
		}
	}
	decl, _ := pipelineSpec["params"].([]interface{})
	for _, d := range decl {
		m, _ := d.(map[string]interface{})
		if def, ok := m["default"]; ok {
			set(str(m, "name"), def)
		}
	}
	params, _, _ := unstructured.NestedSlice(pr.Object, "spec", "params")
	for _, p := range params {
		m, _ := p.(map[string]interface{})
		set(str(m, "name"), m["value"])
	}
	return v
}

// PRActions are the side effects a PipelineRun step asks for.
type PRActions struct {
	Create []*unstructured.Unstructured // TaskRuns to create
	Cancel []Cancel                     // TaskRuns to cancel
	Labels map[string]string            // labels to add to the PipelineRun
}

// Cancel asks to cancel a TaskRun with a spec.statusMessage.
type Cancel struct{ Name, Message string }

// taskState is what a pipeline task has come to.
type taskState struct {
	child     *unstructured.Unstructured
	done      bool
	succeeded bool
	failed    bool // failed, not ignored
	ignored   bool // failed with onError: continue (FailureIgnored)
	cancelled bool
	timedOut  bool // cancelled because the run timed out (counts as failed)
	skip      string
	when      []interface{} // resolved when expressions
}

func childState(tr *unstructured.Unstructured) taskState {
	s := taskState{child: tr}
	st, reason, ok := succeededCondition(status(tr))
	if !ok || st == "Unknown" {
		return s
	}
	s.done = true
	msg, _, _ := unstructured.NestedString(tr.Object, "spec", "statusMessage")
	switch {
	case st == "True":
		s.succeeded = true
	case reason == "FailureIgnored":
		s.ignored = true
	case reason == "TaskRunCancelled" && msg == CancelledByTimeoutMsg:
		s.timedOut = true
	case reason == "TaskRunCancelled":
		s.cancelled = true
	default:
		s.failed = true
	}
	return s
}

// PipelineLabel is the tekton.dev/pipeline label Tekton gives a PipelineRun
// (propagatePipelineNameLabelToPipelineRun): the Pipeline's name for a named
// ref, the name param of the cluster resolver for kind pipeline, else the
// run's generateName (trailing non-alphanumerics trimmed) or its name.
func PipelineLabel(pr *unstructured.Unstructured) string {
	if name, _, _ := unstructured.NestedString(pr.Object, "spec", "pipelineRef", "name"); name != "" {
		return name
	}
	if _, embedded, _ := unstructured.NestedMap(pr.Object, "spec", "pipelineSpec"); embedded {
		if gn := strings.TrimRightFunc(pr.GetGenerateName(), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}); gn != "" {
			return gn
		}
		return pr.GetName()
	}
	resolver, _, _ := unstructured.NestedString(pr.Object, "spec", "pipelineRef", "resolver")
	if resolver != "" {
		params, _, _ := unstructured.NestedSlice(pr.Object, "spec", "pipelineRef", "params")
		kind, name := "", ""
		for _, p := range params {
			m, _ := p.(map[string]interface{})
			switch str(m, "name") {
			case "kind":
				kind, _ = m["value"].(string)
			case "name":
				name, _ = m["value"].(string)
			}
		}
		if kind == "pipeline" && name != "" {
			return name
		}
	}
	return pr.GetName()
}

func pipelineTimeout(pr *unstructured.Unstructured) time.Duration {
	s, _, _ := unstructured.NestedString(pr.Object, "spec", "timeouts", "pipeline")
	if d, err := time.ParseDuration(s); err == nil {
		return d
	}
	return time.Hour // Tekton's default-timeout-minutes
}

// AdvancePipelineRun moves a PipelineRun one step given its pipeline spec (nil:
// the Pipeline was not found) and its child TaskRuns by pipeline task name, the
// way Tekton's reconciler does: ready DAG tasks start (several at once), `when`
// expressions skip tasks (with params, array params and task results), a failed
// task stops the run (its other tasks are skipped), a failure with
// `onError: continue` is ignored, finally tasks run once the DAG is done, the
// pipeline timeout cancels the running tasks, and spec.status Cancelled /
// CancelledRunFinally / StoppedRunFinally cancel or stop it.
func AdvancePipelineRun(pr *unstructured.Unstructured, pipelineSpec map[string]interface{}, children map[string]*unstructured.Unstructured, env Env) (map[string]interface{}, bool, PRActions) {
	var act PRActions
	st := status(pr)
	if s, _, ok := succeededCondition(st); ok && s != "Unknown" {
		return st, false, act
	}
	if label := PipelineLabel(pr); pr.GetLabels()["tekton.dev/pipeline"] == "" {
		act.Labels = map[string]string{"tekton.dev/pipeline": label}
	}
	name := pr.GetName()
	specStatus, _, _ := unstructured.NestedString(pr.Object, "spec", "status")
	if specStatus == "PipelineRunPending" {
		if _, r, _ := succeededCondition(st); r == "PipelineRunPending" {
			return st, act.Labels != nil, act
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
		if _, err := PipelineTasks(pipelineSpec); err != nil {
			st["completionTime"] = env.ts()
			setCondition(st, knCondition("Succeeded", "False", "PipelineInvalidGraph",
				fmt.Sprintf("PipelineRun %s/%s's Pipeline DAG is invalid: %v", pr.GetNamespace(), name, err), env.ts()))
			return st, true, act
		}
		st["pipelineSpec"] = pipelineSpec
		setCondition(st, knCondition("Succeeded", "Unknown", "Started", "", env.ts()))
		return st, true, act
	}

	tasks, _ := PipelineTasks(pipelineSpec)
	finally := FinallyTasks(pipelineSpec)
	rawTasks, _ := pipelineSpec["tasks"].([]interface{})
	declared := readPipelineTasks(rawTasks, false) // Tekton's state order
	values := RunParams(pipelineSpec, pr)
	states := map[string]*taskState{}
	for _, t := range append(append([]PipelineTask{}, tasks...), finally...) {
		if child, ok := children[t.Name]; ok {
			s := childState(child)
			states[t.Name] = &s
			if s.succeeded || s.ignored {
				values.Results[t.Name] = taskResults(child)
			}
		} else {
			states[t.Name] = &taskState{}
		}
	}

	// A hard cancel: running tasks are cancelled, nothing else runs (cancel.go).
	if specStatus == "Cancelled" {
		for _, t := range append(append([]PipelineTask{}, tasks...), finally...) {
			if s := states[t.Name]; s.child != nil && !s.done {
				act.Cancel = append(act.Cancel, Cancel{s.child.GetName(), CancelledByPipelineMsg})
			}
		}
		sort.Slice(act.Cancel, func(i, j int) bool { return act.Cancel[i].Name < act.Cancel[j].Name })
		writeChildren(st, declared, finally, states)
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", "Cancelled", fmt.Sprintf("PipelineRun %q was cancelled", name), env.ts()))
		return st, true, act
	}

	started, _ := time.Parse(time.RFC3339, str(st, "startTime"))
	timeout := pipelineTimeout(pr)
	if timeout > 0 && !started.IsZero() && env.Now.Sub(started) > timeout {
		for _, t := range append(append([]PipelineTask{}, tasks...), finally...) {
			s := states[t.Name]
			switch {
			case s.child != nil && !s.done:
				act.Cancel = append(act.Cancel, Cancel{s.child.GetName(), CancelledByTimeoutMsg})
			case s.child == nil && s.skip == "":
				s.skip = SkipPipelineTimeout
			}
		}
		writeChildren(st, declared, finally, states)
		st["completionTime"] = env.ts()
		setCondition(st, knCondition("Succeeded", "False", "PipelineRunTimeout",
			fmt.Sprintf("PipelineRun %q failed to finish within %q", name, timeout.String()), env.ts()))
		return st, true, act
	}

	stopping := false
	for _, t := range tasks {
		if s := states[t.Name]; s.failed || s.timedOut {
			stopping = true
		}
	}
	failAt := failingTasks(pr)
	if failAt[firstTask] && len(tasks) > 0 {
		failAt[tasks[0].Name] = true
	}

	// DAG tasks, in topological order: skip or start what can be decided now.
	for _, t := range tasks {
		s := states[t.Name]
		if s.child != nil || s.skip != "" {
			continue
		}
		parentsDone, parentSkipped, missingResults := true, false, false
		for _, p := range t.Parents() {
			ps := states[p]
			if !ps.done && ps.skip == "" {
				parentsDone = false
			}
			if ps.skip != "" && ps.skip != SkipWhen {
				parentSkipped = true
			}
		}
		for _, ref := range t.resultRefs() {
			if rs := states[ref]; rs.skip != "" || rs.failed || rs.cancelled {
				missingResults = true
			}
		}
		switch {
		case stopping:
			s.skip = SkipStopping
		case specStatus == "CancelledRunFinally":
			s.skip = SkipGracefullyCancel
		case specStatus == "StoppedRunFinally":
			s.skip = SkipGracefullyStopped
		case !parentsDone:
			continue
		case parentSkipped:
			s.skip = SkipParent
		case missingResults:
			s.skip = SkipMissingResults
		default:
			when := values.EvaluateWhen(t.When)
			s.when = when.Resolved
			if !when.Allowed {
				s.skip = SkipWhen
				continue
			}
			tr := NewTaskRun(pr, t, taskRunName(children, name, t.Name), values, failAt[t.Name])
			act.Create = append(act.Create, tr)
			s.child = tr
		}
	}

	// Graceful cancel or stop: running DAG tasks are cancelled (stop: finish).
	if specStatus == "CancelledRunFinally" {
		for _, t := range tasks {
			if s := states[t.Name]; s.child != nil && !s.done && !isNew(s.child, act) {
				act.Cancel = append(act.Cancel, Cancel{s.child.GetName(), CancelledByPipelineMsg})
			}
		}
	}

	dagDone := true
	for _, t := range tasks {
		if s := states[t.Name]; !s.done && s.skip == "" {
			dagDone = false
		}
	}
	if dagDone && len(finally) > 0 {
		if str(st, "finallyStartTime") == "" {
			st["finallyStartTime"] = env.ts()
		}
		values.TaskStatus = dagStatuses(tasks, states)
		for _, t := range finally {
			s := states[t.Name]
			if s.child != nil || s.skip != "" {
				continue
			}
			missing := false
			for _, ref := range t.resultRefs() {
				if rs := states[ref]; rs.skip != "" || rs.failed || rs.cancelled {
					missing = true
				}
			}
			when := values.EvaluateWhen(t.When)
			switch {
			case missing:
				s.skip = SkipMissingResults
			case !when.Allowed:
				s.skip, s.when = SkipWhen, when.Resolved
			default:
				tr := NewTaskRun(pr, t, taskRunName(children, name, t.Name), values, failAt[t.Name])
				act.Create = append(act.Create, tr)
				s.child = tr
			}
		}
	}

	writeChildren(st, declared, finally, states)
	var succeededN, failedN, cancelledN, ignoredN, skippedN, incompleteN int
	finallyDone := true
	for _, t := range append(append([]PipelineTask{}, tasks...), finally...) {
		s := states[t.Name]
		switch {
		case s.succeeded:
			succeededN++
		case s.failed || s.timedOut:
			failedN++
		case s.cancelled:
			cancelledN++
		case s.ignored:
			ignoredN++
		case s.skip != "":
			skippedN++
		default:
			incompleteN++
			if t.Finally {
				finallyDone = false
			}
		}
	}
	completed := succeededN + failedN + cancelledN + ignoredN
	if incompleteN > 0 || !dagDone {
		reason := "Running"
		switch {
		case specStatus == "CancelledRunFinally":
			reason = "CancelledRunningFinally"
		case specStatus == "StoppedRunFinally":
			reason = "StoppedRunningFinally"
		case cancelledN > 0 || (failedN > 0 && finallyDone):
			reason = "PipelineRunStopping"
		}
		msg := fmt.Sprintf("Tasks Completed: %d (Failed: %d, Cancelled %d), Incomplete: %d, Skipped: %d",
			completed, failedN, cancelledN, incompleteN, skippedN)
		_, oldReason, _ := succeededCondition(status(pr))
		changed := len(act.Create) > 0 || len(act.Cancel) > 0 || act.Labels != nil || oldReason != reason ||
			conditionMessage(pr) != msg || str(status(pr), "finallyStartTime") != str(st, "finallyStartTime")
		setCondition(st, knCondition("Succeeded", "Unknown", reason, msg, env.ts()))
		return st, changed, act
	}

	if res := pipelineResults(pipelineSpec, children); len(res) > 0 {
		st["results"] = res
	}
	msg := fmt.Sprintf("Tasks Completed: %d (Failed: %d, Cancelled %d), Skipped: %d", completed, failedN+ignoredN, cancelledN, skippedN)
	if ignoredN > 0 {
		msg = fmt.Sprintf("Tasks Completed: %d (Failed: %d (Ignored: %d), Cancelled %d), Skipped: %d", completed, failedN+ignoredN, ignoredN, cancelledN, skippedN)
	}
	status, reason := "True", "Succeeded"
	if skippedN > 0 {
		reason = "Completed"
	}
	switch {
	case failedN > 0:
		status, reason = "False", "Failed"
	case specStatus == "CancelledRunFinally" || specStatus == "StoppedRunFinally":
		status, reason, msg = "False", "Cancelled", fmt.Sprintf("PipelineRun %q was cancelled", name)
	case cancelledN > 0:
		status, reason = "False", "Cancelled"
	}
	st["completionTime"] = env.ts()
	setCondition(st, knCondition("Succeeded", status, reason, msg, env.ts()))
	return st, true, act
}

func isNew(tr *unstructured.Unstructured, act PRActions) bool {
	for _, c := range act.Create {
		if c == tr {
			return true
		}
	}
	return false
}

func conditionMessage(u *unstructured.Unstructured) string {
	conds, _ := status(u)["conditions"].([]interface{})
	for _, c := range conds {
		m, _ := c.(map[string]interface{})
		if m["type"] == "Succeeded" {
			msg, _ := m["message"].(string)
			return msg
		}
	}
	return ""
}

func taskRunName(children map[string]*unstructured.Unstructured, run, task string) string {
	if c, ok := children[task]; ok {
		return c.GetName()
	}
	return TektonChildName(run, task)
}

// dagStatuses are the $(tasks.<t>.status) and $(tasks.status) values a finally
// task sees (GetPipelineTaskStatus).
func dagStatuses(tasks []PipelineTask, states map[string]*taskState) map[string]string {
	out := map[string]string{}
	aggregate := "Succeeded"
	for _, t := range tasks {
		s := states[t.Name]
		v := "None"
		switch {
		case s.succeeded:
			v = "Succeeded"
		case s.failed || s.ignored || s.timedOut || s.cancelled:
			v = "Failed"
		}
		out["tasks."+t.Name+".status"] = v
		if v == "Failed" && !s.ignored {
			aggregate = "Failed"
		} else if s.skip != "" && aggregate == "Succeeded" {
			aggregate = "Completed"
		}
	}
	out["tasks.status"] = aggregate
	return out
}

// writeChildren writes childReferences (declaration order, then finally) and
// skippedTasks the way GetChildReferences and GetSkippedTasks do.
func writeChildren(st map[string]interface{}, tasks, finally []PipelineTask, states map[string]*taskState) {
	var refs, skipped []interface{}
	for _, t := range append(append([]PipelineTask{}, tasks...), finally...) {
		s := states[t.Name]
		if s.child != nil {
			ref := map[string]interface{}{
				"apiVersion": "tekton.dev/v1", "kind": "TaskRun", "name": s.child.GetName(), "pipelineTaskName": t.Name,
			}
			if len(s.when) > 0 {
				ref["whenExpressions"] = s.when
			}
			refs = append(refs, ref)
		}
		if s.skip != "" {
			sk := map[string]interface{}{"name": t.Name, "reason": s.skip}
			when := s.when
			if len(when) == 0 && !t.Finally {
				when = t.When
			}
			if len(when) > 0 && (!t.Finally || s.skip == SkipWhen) {
				sk["whenExpressions"] = when
			}
			skipped = append(skipped, sk)
		}
	}
	if len(refs) > 0 {
		st["childReferences"] = refs
	} else {
		delete(st, "childReferences")
	}
	if len(skipped) > 0 {
		st["skippedTasks"] = skipped
	} else {
		delete(st, "skippedTasks")
	}
}

func taskResults(tr *unstructured.Unstructured) map[string]string {
	out := map[string]string{}
	rs, _, _ := unstructured.NestedSlice(tr.Object, "status", "results")
	for _, r := range rs {
		m, _ := r.(map[string]interface{})
		if v, ok := m["value"].(string); ok {
			out[str(m, "name")] = v
		}
	}
	return out
}

// failingTasks reads the outcome rule of a run: with sim.mlops.dev/outcome
// "fail", the tasks named (comma-separated) in sim.mlops.dev/fail-at fail
// (default: the first task); sim.mlops.dev/fail-attempts limits how many
// attempts of each fail (a task with retries then succeeds).
func failingTasks(pr *unstructured.Unstructured) map[string]bool {
	out := map[string]bool{}
	if Outcome(pr) != "fail" {
		return out
	}
	for _, t := range strings.Split(pr.GetAnnotations()[kube.AnnFailAt], ",") {
		if t = strings.TrimSpace(t); t != "" {
			out[t] = true
		}
	}
	if len(out) == 0 {
		out[firstTask] = true
	}
	return out
}

// firstTask stands for the first task of the run in failingTasks.
const firstTask = "*first*"

// pipelineResults resolves $(tasks.<t>.results.<r>) in the pipeline's results;
// a result whose reference cannot be resolved is left out, as Tekton does.
func pipelineResults(spec map[string]interface{}, children map[string]*unstructured.Unstructured) []interface{} {
	decl, _ := spec["results"].([]interface{})
	values := RunValues{Results: map[string]map[string]string{}}
	for task, tr := range children {
		values.Results[task] = taskResults(tr)
	}
	var out []interface{}
	for _, d := range decl {
		m, _ := d.(map[string]interface{})
		v, _ := m["value"].(string)
		if resolved, ok := values.Substitute(v); ok {
			out = append(out, map[string]interface{}{"name": str(m, "name"), "value": resolved})
		}
	}
	return out
}

// NewTaskRun makes the child TaskRun of a pipeline task, labelled, annotated
// and owned the way Tekton does it (createChildResourceLabels, memberOf, the
// onError annotation), with its params substituted and its retries.
func NewTaskRun(pr *unstructured.Unstructured, t PipelineTask, name string, values RunValues, fail bool) *unstructured.Unstructured {
	labels := map[string]interface{}{}
	for k, v := range pr.GetLabels() {
		labels[k] = v
	}
	labels["tekton.dev/pipeline"] = PipelineLabel(pr)
	labels["tekton.dev/pipelineRun"] = pr.GetName()
	labels["tekton.dev/pipelineRunUID"] = string(pr.GetUID())
	labels["tekton.dev/pipelineTask"] = t.Name
	labels["tekton.dev/memberOf"] = map[bool]string{true: "finally", false: "tasks"}[t.Finally]
	labels["app.kubernetes.io/managed-by"] = "tekton-pipelines"
	if t.TaskRef != "" {
		labels["tekton.dev/task"] = t.TaskRef
	}
	annotations := map[string]interface{}{}
	if hold := pr.GetAnnotations()[kube.AnnStepSeconds]; hold != "" {
		annotations[kube.AnnStepSeconds] = hold
	}
	if t.OnError != "" {
		annotations[OnErrorAnnotation] = t.OnError
	}
	if Simulated(pr) {
		annotations[kube.AnnSimulate] = "true"
	}
	if fail {
		annotations[kube.AnnOutcome] = "fail"
		if step := pr.GetAnnotations()[kube.AnnFailAt+"-step"]; step != "" {
			annotations[kube.AnnFailAt] = step
		}
		if attempts := pr.GetAnnotations()[kube.AnnFailAttempts]; attempts != "" {
			annotations[kube.AnnFailAttempts] = attempts
		}
	}
	var tparams []interface{}
	for _, p := range t.Params {
		m, _ := p.(map[string]interface{})
		v := m["value"]
		if s, ok := v.(string); ok {
			v, _ = values.Substitute(s)
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
	if t.Retries > 0 {
		spec["retries"] = t.Retries
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
