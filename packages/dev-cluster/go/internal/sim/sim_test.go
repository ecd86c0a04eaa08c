package sim

import (
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

type memLogs struct{ logs map[string]*strings.Builder }

func newMemLogs() *memLogs { return &memLogs{logs: map[string]*strings.Builder{}} }

func (m *memLogs) Append(ns, kind, name, container, text string) error {
	k := ns + "/" + kind + "/" + name + "/" + container
	if m.logs[k] == nil {
		m.logs[k] = &strings.Builder{}
	}
	m.logs[k].WriteString(text + "\n")
	return nil
}
func (m *memLogs) Finish(ns, kind, name, container string) error {
	return m.Append(ns, kind, name, container, "")
}
func (m *memLogs) get(k string) string {
	if b := m.logs[k]; b != nil {
		return b.String()
	}
	return ""
}

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func obj(apiVersion, kind, name string, ann map[string]string, spec map[string]interface{}) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]interface{}{"apiVersion": apiVersion, "kind": kind, "spec": spec}}
	u.SetName(name)
	u.SetNamespace("ns")
	u.SetUID(types.UID("uid-" + name))
	if ann != nil {
		u.SetAnnotations(ann)
	}
	return u
}

// run drives a machine until it stops changing, returning the number of steps.
func run(t *testing.T, u *unstructured.Unstructured, adv func(*unstructured.Unstructured, Env) (map[string]interface{}, bool), logs LogSink) int {
	t.Helper()
	now := t0
	for i := 0; i < 50; i++ {
		st, changed := adv(u, Env{Now: now, Seed: 1, Logs: logs})
		if !changed {
			return i
		}
		u.Object["status"] = st
		now = now.Add(time.Second)
	}
	t.Fatal("machine did not settle")
	return 0
}

func cond(u *unstructured.Unstructured, typ string) (string, string) {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m := c.(map[string]interface{})
		if m["type"] == typ {
			return m["status"].(string), str(m, "reason")
		}
	}
	return "", ""
}

var testTask = TaskInfo{Name: "t", Found: true, Results: []string{"model-health", "never-written"}, Steps: []Step{
	{Name: "a", Image: "img:1"},
	{Name: "b", Image: "img:1", Script: "echo $(params.x)\necho -n healthy > $(results.model-health.path)"},
}}

func advanceTask(task TaskInfo) func(*unstructured.Unstructured, Env) (map[string]interface{}, bool) {
	return func(u *unstructured.Unstructured, e Env) (map[string]interface{}, bool) {
		return AdvanceTaskRun(u, task, e)
	}
}

func steps(u *unstructured.Unstructured) []map[string]interface{} {
	raw, _, _ := unstructured.NestedSlice(u.Object, "status", "steps")
	var out []map[string]interface{}
	for _, s := range raw {
		out = append(out, s.(map[string]interface{}))
	}
	return out
}

func TestTaskRunSucceedsAndWritesOnlyTheResultsItsStepsWrite(t *testing.T) {
	logs := newMemLogs()
	tr := obj("tekton.dev/v1", "TaskRun", "tr", nil, map[string]interface{}{"params": []interface{}{map[string]interface{}{"name": "x", "value": "hello"}}})
	if n := run(t, tr, advanceTask(testTask), logs); n != 4 { // pending, a running, b running, done
		t.Errorf("steps = %d", n)
	}
	if s, r := cond(tr, "Succeeded"); s != "True" || r != "Succeeded" {
		t.Errorf("condition %s/%s", s, r)
	}
	if v, _, _ := unstructured.NestedString(tr.Object, "status", "podName"); v != "tr-pod" {
		t.Errorf("podName %q", v)
	}
	res, _, _ := unstructured.NestedSlice(tr.Object, "status", "results")
	if len(res) != 1 || res[0].(map[string]interface{})["name"] != "model-health" || res[0].(map[string]interface{})["value"] != "healthy" {
		t.Errorf("results %v (a declared result no step writes must not appear)", res)
	}
	if l := logs.get("ns/pods/tr-pod/step-b"); !strings.Contains(l, "+ echo hello") {
		t.Errorf("step log lacks substituted script: %q", l)
	}
	if pod := TaskRunPod(tr); pod == nil || PodPhase(pod) != "Succeeded" {
		t.Fatalf("pod %v", pod)
	}
}

func TestTaskRunFailureShapes(t *testing.T) {
	// A failing step: the rest Skipped (exit 0), StepFailed with the step's exit.
	tr := obj("tekton.dev/v1", "TaskRun", "tr", map[string]string{kube.AnnOutcome: "fail", kube.AnnFailAt: "a"}, map[string]interface{}{})
	run(t, tr, advanceTask(testTask), newMemLogs())
	if s, r := cond(tr, "Succeeded"); s != "False" || r != "StepFailed" {
		t.Errorf("condition %s/%s", s, r)
	}
	if msg := conditionMessage(tr); msg != `"step-a" exited with code 1: Error` {
		t.Errorf("message %q", msg)
	}
	if st := steps(tr); st[1]["terminationReason"] != "Skipped" || st[1]["terminated"].(map[string]interface{})["exitCode"] != int64(0) {
		t.Errorf("later step not skipped: %v", st[1])
	}

	// onError: continue on the pipeline task: FailureIgnored.
	ig := obj("tekton.dev/v1", "TaskRun", "ig", map[string]string{kube.AnnOutcome: "fail", OnErrorAnnotation: "continue"}, map[string]interface{}{})
	run(t, ig, advanceTask(testTask), newMemLogs())
	if s, r := cond(ig, "Succeeded"); s != "False" || r != "FailureIgnored" {
		t.Errorf("ignored: %s/%s", s, r)
	}

	// onError: continue on the step: Continued, and the task succeeds.
	cont := testTask
	cont.Steps = []Step{{Name: "a", OnError: "continue"}, testTask.Steps[1]}
	c := obj("tekton.dev/v1", "TaskRun", "c", map[string]string{kube.AnnOutcome: "fail", kube.AnnFailAt: "a"}, map[string]interface{}{})
	run(t, c, advanceTask(cont), newMemLogs())
	if s, _ := cond(c, "Succeeded"); s != "True" {
		t.Errorf("continued: %s", s)
	}
	if st := steps(c); st[0]["terminationReason"] != "Continued" || st[0]["terminated"].(map[string]interface{})["exitCode"] != int64(1) {
		t.Errorf("step not Continued: %v", st[0])
	}

	// Cancelled with the PipelineRun's message.
	x := obj("tekton.dev/v1", "TaskRun", "x", nil, map[string]interface{}{})
	st, _ := AdvanceTaskRun(x, testTask, Env{Now: t0, Logs: newMemLogs()})
	x.Object["status"] = st
	x.Object["spec"] = map[string]interface{}{"status": "TaskRunCancelled", "statusMessage": CancelledByTimeoutMsg}
	run(t, x, advanceTask(testTask), newMemLogs())
	if s, r := cond(x, "Succeeded"); s != "False" || r != "TaskRunCancelled" || !strings.Contains(conditionMessage(x), "timed out") {
		t.Errorf("cancel: %s/%s %q", s, r, conditionMessage(x))
	}
}

func TestTaskRunRetriesKeepEarlierAttempts(t *testing.T) {
	tr := obj("tekton.dev/v1", "TaskRun", "tr", map[string]string{kube.AnnOutcome: "fail", kube.AnnFailAttempts: "1"}, map[string]interface{}{"retries": int64(2)})
	var reasons []string
	now := t0
	for i := 0; i < 30; i++ {
		st, changed := AdvanceTaskRun(tr, testTask, Env{Now: now, Seed: 1, Logs: newMemLogs()})
		if !changed {
			break
		}
		tr.Object["status"] = st
		_, r := cond(tr, "Succeeded")
		reasons = append(reasons, r)
		now = now.Add(time.Second)
	}
	if s, _ := cond(tr, "Succeeded"); s != "True" {
		t.Fatalf("the retry did not succeed: %v", reasons)
	}
	if !strings.Contains(strings.Join(reasons, ","), "ToBeRetried") {
		t.Errorf("no ToBeRetried on the way: %v", reasons)
	}
	rs, _, _ := unstructured.NestedSlice(tr.Object, "status", "retriesStatus")
	if len(rs) != 1 {
		t.Fatalf("retriesStatus %v", rs)
	}
	first := rs[0].(map[string]interface{})
	if s, r, _ := succeededCondition(first); s != "False" || r != "StepFailed" || str(first, "podName") != "tr-pod" {
		t.Errorf("earlier attempt %v", first)
	}
	if v, _, _ := unstructured.NestedString(tr.Object, "status", "podName"); v != "tr-pod-retry1" {
		t.Errorf("podName of the retry %q", v)
	}
}

func pipelineSpec() map[string]interface{} {
	task := func(name string, after []interface{}, when []interface{}) map[string]interface{} {
		m := map[string]interface{}{"name": name, "taskRef": map[string]interface{}{"name": "t"}}
		if after != nil {
			m["runAfter"] = after
		}
		if when != nil {
			m["when"] = when
		}
		return m
	}
	publish := task("publish", []interface{}{"deploy"}, nil)
	publish["onError"] = "continue"
	return map[string]interface{}{
		"params": []interface{}{
			map[string]interface{}{"name": "health-check-enabled", "default": "true"},
			map[string]interface{}{"name": "envs", "type": "array", "default": []interface{}{"dev", "prod"}},
		},
		"tasks": []interface{}{
			task("deploy", []interface{}{"check"}, []interface{}{map[string]interface{}{"input": "prod", "operator": "in", "values": []interface{}{"$(params.envs[*])"}}}),
			task("train", nil, nil),
			task("check", []interface{}{"train"}, []interface{}{map[string]interface{}{"input": "$(params.health-check-enabled)", "operator": "in", "values": []interface{}{"true"}}}),
			publish,
			// Runs only when the check found the model healthy (a result reference).
			task("promote", nil, []interface{}{map[string]interface{}{"input": "$(tasks.check.results.model-health)", "operator": "in", "values": []interface{}{"healthy"}}}),
		},
		"finally": []interface{}{
			map[string]interface{}{"name": "report", "taskRef": map[string]interface{}{"name": "t"},
				"params": []interface{}{map[string]interface{}{"name": "x", "value": "$(tasks.status)"}}},
		},
		"results": []interface{}{map[string]interface{}{"name": "health", "value": "$(tasks.check.results.model-health)"}},
	}
}

// playPipeline runs a PipelineRun with its TaskRuns to the end.
func playPipeline(t *testing.T, pr *unstructured.Unstructured, spec map[string]interface{}) map[string]*unstructured.Unstructured {
	t.Helper()
	children := map[string]*unstructured.Unstructured{}
	now := t0
	for i := 0; i < 200; i++ {
		env := Env{Now: now, Seed: 1, Logs: newMemLogs()}
		st, _, act := AdvancePipelineRun(pr, spec, children, env)
		pr.Object["status"] = st
		for _, tr := range act.Create {
			children[tr.GetLabels()["tekton.dev/pipelineTask"]] = tr
		}
		for _, c := range act.Cancel {
			for _, tr := range children {
				if tr.GetName() == c.Name {
					tr.Object["spec"].(map[string]interface{})["status"] = "TaskRunCancelled"
					tr.Object["spec"].(map[string]interface{})["statusMessage"] = c.Message
				}
			}
		}
		for _, tr := range children {
			if s, c := AdvanceTaskRun(tr, testTask, env); c {
				tr.Object["status"] = s
			}
		}
		if done, _ := TaskRunDone(pr); done {
			return children
		}
		now = now.Add(time.Second)
	}
	t.Fatal("pipeline did not finish")
	return nil
}

func skippedReasons(pr *unstructured.Unstructured) map[string]string {
	out := map[string]string{}
	sk, _, _ := unstructured.NestedSlice(pr.Object, "status", "skippedTasks")
	for _, s := range sk {
		m := s.(map[string]interface{})
		out[str(m, "name")] = str(m, "reason")
	}
	return out
}

func TestPipelineRunDAGWhenResultsAndFinally(t *testing.T) {
	pr := obj("tekton.dev/v1", "PipelineRun", "run", nil, map[string]interface{}{"pipelineRef": map[string]interface{}{"name": "p"}})
	pr.SetLabels(map[string]string{"model-name": "m"})
	children := playPipeline(t, pr, pipelineSpec())
	if s, r := cond(pr, "Succeeded"); s != "True" || r != "Succeeded" {
		t.Fatalf("condition %s/%s %q", s, r, conditionMessage(pr))
	}
	refs, _, _ := unstructured.NestedSlice(pr.Object, "status", "childReferences")
	var order []string
	for _, r := range refs {
		order = append(order, r.(map[string]interface{})["pipelineTaskName"].(string))
	}
	if strings.Join(order, ",") != "deploy,train,check,publish,promote,report" {
		t.Errorf("child references %v (declaration order, finally last)", order)
	}
	if children["report"].GetLabels()["tekton.dev/memberOf"] != "finally" || children["train"].GetLabels()["tekton.dev/memberOf"] != "tasks" {
		t.Error("memberOf labels")
	}
	if p, _, _ := unstructured.NestedSlice(children["report"].Object, "spec", "params"); p[0].(map[string]interface{})["value"] != "Succeeded" {
		t.Errorf("finally params %v", p)
	}
	if children["publish"].GetAnnotations()[OnErrorAnnotation] != "continue" {
		t.Error("onError annotation")
	}
	res, _, _ := unstructured.NestedSlice(pr.Object, "status", "results")
	if len(res) != 1 || res[0].(map[string]interface{})["value"] != "healthy" {
		t.Errorf("results %v", res)
	}
	if _, ok, _ := unstructured.NestedMap(pr.Object, "status", "pipelineSpec"); !ok {
		t.Error("the resolved pipeline spec is not stored")
	}

	// health-check-enabled false: check is skipped by its when expression; its
	// dependents still run, promote is skipped because its result is missing.
	skip := obj("tekton.dev/v1", "PipelineRun", "skip", nil, map[string]interface{}{"params": []interface{}{map[string]interface{}{"name": "health-check-enabled", "value": "false"}}})
	children = playPipeline(t, skip, pipelineSpec())
	if s, r := cond(skip, "Succeeded"); s != "True" || r != "Completed" {
		t.Errorf("skipped run: %s/%s", s, r)
	}
	if _, ok := children["check"]; ok {
		t.Error("skipped task got a TaskRun")
	}
	if _, ok := children["deploy"]; !ok {
		t.Error("a task after a when-skipped task must run")
	}
	if got := skippedReasons(skip); got["check"] != SkipWhen || got["promote"] != SkipMissingResults {
		t.Errorf("skippedTasks %v", got)
	}

	// An array param without "prod": deploy is skipped by its when expression.
	arr := obj("tekton.dev/v1", "PipelineRun", "arr", nil, map[string]interface{}{"params": []interface{}{map[string]interface{}{"name": "envs", "value": []interface{}{"dev"}}}})
	playPipeline(t, arr, pipelineSpec())
	if got := skippedReasons(arr); got["deploy"] != SkipWhen {
		t.Errorf("array when: %v", got)
	}
}

func TestPipelineRunFailureIgnoredStopAndFinally(t *testing.T) {
	ig := obj("tekton.dev/v1", "PipelineRun", "ig", map[string]string{kube.AnnOutcome: "fail", kube.AnnFailAt: "publish"}, map[string]interface{}{})
	children := playPipeline(t, ig, pipelineSpec())
	if s, r := cond(ig, "Succeeded"); s != "True" || r != "Succeeded" {
		t.Errorf("ignored failure: %s/%s", s, r)
	}
	if msg := conditionMessage(ig); !strings.Contains(msg, "(Failed: 1 (Ignored: 1), Cancelled 0)") {
		t.Errorf("message %q", msg)
	}
	if _, r := cond(children["publish"], "Succeeded"); r != "FailureIgnored" {
		t.Errorf("publish %s", r)
	}

	f := obj("tekton.dev/v1", "PipelineRun", "f", map[string]string{kube.AnnOutcome: "fail", kube.AnnFailAt: "check"}, map[string]interface{}{})
	children = playPipeline(t, f, pipelineSpec())
	if s, r := cond(f, "Succeeded"); s != "False" || r != "Failed" {
		t.Fatalf("condition %s/%s", s, r)
	}
	if _, ok := children["deploy"]; ok {
		t.Error("task after the failure ran")
	}
	if _, ok := children["report"]; !ok {
		t.Error("the finally task did not run after the failure")
	}
	if got := skippedReasons(f); got["deploy"] != SkipStopping {
		t.Errorf("skippedTasks %v", got)
	}
	if p, _, _ := unstructured.NestedSlice(children["report"].Object, "spec", "params"); p[0].(map[string]interface{})["value"] != "Failed" {
		t.Errorf("$(tasks.status) %v", p)
	}
}

func TestPipelineRunCancelsTimesOutPendsAndLabels(t *testing.T) {
	missing := obj("tekton.dev/v1", "PipelineRun", "m", nil, map[string]interface{}{"pipelineRef": map[string]interface{}{"name": "gone"}})
	st, _, _ := AdvancePipelineRun(missing, nil, nil, Env{Now: t0})
	missing.Object["status"] = st
	if _, r := cond(missing, "Succeeded"); r != "CouldntGetPipeline" {
		t.Errorf("missing pipeline reason %s", r)
	}

	pending := obj("tekton.dev/v1", "PipelineRun", "p", nil, map[string]interface{}{"status": "PipelineRunPending"})
	st, _, act := AdvancePipelineRun(pending, pipelineSpec(), nil, Env{Now: t0})
	pending.Object["status"] = st
	if s, r := cond(pending, "Succeeded"); s != "Unknown" || r != "PipelineRunPending" || len(act.Create) != 0 {
		t.Errorf("pending: %s/%s %v", s, r, act)
	}

	start := func(name string, spec map[string]interface{}) (*unstructured.Unstructured, map[string]*unstructured.Unstructured) {
		pr := obj("tekton.dev/v1", "PipelineRun", name, nil, spec)
		children := map[string]*unstructured.Unstructured{}
		for i := 0; i < 2; i++ {
			st, _, act := AdvancePipelineRun(pr, pipelineSpec(), children, Env{Now: t0})
			pr.Object["status"] = st
			for _, tr := range act.Create {
				children[tr.GetLabels()["tekton.dev/pipelineTask"]] = tr
			}
		}
		return pr, children
	}
	c, children := start("c", map[string]interface{}{})
	c.Object["spec"] = map[string]interface{}{"status": "Cancelled"}
	st, _, act = AdvancePipelineRun(c, pipelineSpec(), children, Env{Now: t0})
	c.Object["status"] = st
	if s, r := cond(c, "Succeeded"); s != "False" || r != "Cancelled" || len(act.Cancel) != 1 || act.Cancel[0].Name != "c-train" || act.Cancel[0].Message != CancelledByPipelineMsg {
		t.Errorf("cancel: %s/%s %v", s, r, act.Cancel)
	}

	to, children := start("to", map[string]interface{}{"timeouts": map[string]interface{}{"pipeline": "10m"}})
	st, _, act = AdvancePipelineRun(to, pipelineSpec(), children, Env{Now: t0.Add(11 * time.Minute)})
	to.Object["status"] = st
	if s, r := cond(to, "Succeeded"); s != "False" || r != "PipelineRunTimeout" || len(act.Cancel) != 1 || act.Cancel[0].Message != CancelledByTimeoutMsg {
		t.Errorf("timeout: %s/%s %v", s, r, act.Cancel)
	}
	if got := skippedReasons(to); got["deploy"] != SkipPipelineTimeout {
		t.Errorf("skipped on timeout %v", got)
	}

	// An embedded spec: Tekton labels the run with its trimmed generateName.
	emb := obj("tekton.dev/v1", "PipelineRun", "train-m-x7k2p", nil, map[string]interface{}{"pipelineSpec": pipelineSpec()})
	emb.SetGenerateName("train-m-")
	_, _, act = AdvancePipelineRun(emb, pipelineSpec(), nil, Env{Now: t0})
	if act.Labels["tekton.dev/pipeline"] != "train-m" {
		t.Errorf("embedded label %v", act.Labels)
	}
}

func TestPipelineTasksCycle(t *testing.T) {
	spec := map[string]interface{}{"tasks": []interface{}{
		map[string]interface{}{"name": "a", "runAfter": []interface{}{"b"}},
		map[string]interface{}{"name": "b", "runAfter": []interface{}{"a"}},
	}}
	if _, err := PipelineTasks(spec); err == nil {
		t.Error("cycle not detected")
	}
}

func nvjPhases(u *unstructured.Unstructured, logs LogSink) []string {
	var out []string
	now := t0
	for i := 0; i < 30; i++ {
		st, changed := AdvanceNVJ(u, Env{Now: now, Seed: 1, Logs: logs})
		if !changed {
			break
		}
		u.Object["status"] = st
		out = append(out, str(st, "phase"))
		now = now.Add(time.Minute)
	}
	return out
}

func TestNVJPaths(t *testing.T) {
	spec := func(build bool) map[string]interface{} {
		return map[string]interface{}{
			"notebook":  map[string]interface{}{"git": map[string]interface{}{"url": "https://x/y.git", "ref": "main"}, "path": "nb/train.ipynb"},
			"podConfig": map[string]interface{}{"containerImage": "img", "buildConfig": map[string]interface{}{"enabled": build}},
		}
	}
	ok := obj("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", "ok", nil, spec(true))
	if got := strings.Join(nvjPhases(ok, newMemLogs()), ">"); got != "Initializing>Building>Building>Building>BuildComplete>ValidationRunning>Running>ValidationRunning>Succeeded" {
		t.Errorf("phases %s", got)
	}
	if bs, _, _ := unstructured.NestedString(ok.Object, "status", "buildStatus", "phase"); bs != "Complete" {
		t.Errorf("buildStatus %s", bs)
	}
	if s, r := cond(ok, "Ready"); s != "False" || r != "Initializing" {
		t.Errorf("Ready must stay False/Initializing: %s/%s", s, r)
	}
	if s, r := cond(ok, "ValidationComplete"); s != "True" || r != "ValidationComplete" {
		t.Errorf("ValidationComplete %s/%s", s, r)
	}
	if res, _, _ := unstructured.NestedSlice(ok.Object, "status", "results"); len(res) < 5 {
		t.Errorf("results %d", len(res))
	}

	logs := newMemLogs()
	dep := obj("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", "dep", map[string]string{kube.AnnOutcome: NVJDependency}, spec(false))
	if got := strings.Join(nvjPhases(dep, logs), ">"); got != "Initializing>ValidationRunning>Running>ValidationRunning>Running>ValidationRunning>Running>ValidationRunning>Failed" {
		t.Errorf("phases %s", got)
	}
	st := status(dep)
	if _, has := st["results"]; has {
		t.Error("a failed validation pod leaves no per-cell results")
	}
	if n, _, _ := unstructured.NestedInt64(st, "retryCount"); n != MaxRetries {
		t.Errorf("retryCount %d", n)
	}
	if msg := str(st, "message"); !strings.HasPrefix(msg, "Validation failed after 3 retries: Validation pod failed: Unknown - . Log error: ") || !strings.Contains(msg, "No module named") {
		t.Errorf("message %q", msg)
	}
	if s, r := cond(dep, "ValidationComplete"); s != "False" || r != "PodFailed" {
		t.Errorf("ValidationComplete %s/%s", s, r)
	}
	if l := logs.get("ns/pods/dep-validation/validator"); !strings.Contains(l, "Results Summary:") || !strings.Contains(l, `"error_category": "dependency_install_failed"`) {
		t.Errorf("validator log lacks the results summary: %s", l)
	}
	if p := NVJPod(dep); p == nil || PodPhase(p) != "Failed" || p.GetName() != "dep-validation" {
		t.Errorf("pod %v", p)
	}

	bf := obj("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", "bf", map[string]string{kube.AnnOutcome: NVJBuildFail}, spec(true))
	nvjPhases(bf, newMemLogs())
	st = status(bf)
	if str(st, "phase") != "Failed" || str(st, "buildStatus", "phase") != "Failed" || str(st, "completionTime") != "" || str(st, "message") != "" {
		t.Errorf("a failed build only moves the phase: %v", st)
	}
	if conds, _ := st["conditions"].([]interface{}); len(conds) != 1 {
		t.Errorf("conditions %v", conds)
	}

	golden := spec(false)
	golden["goldenNotebook"] = map[string]interface{}{"git": map[string]interface{}{"url": "https://x/y.git", "ref": "main"}, "path": "nb/golden.ipynb"}
	g := obj("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", "g", map[string]string{kube.AnnOutcome: NVJGoldenDiffs}, golden)
	nvjPhases(g, newMemLogs())
	st = status(g)
	if str(st, "phase") != "Failed" || str(st, "comparisonResult", "result") != "failed" || !strings.Contains(str(st, "message"), "golden notebook comparison failed") {
		t.Errorf("golden mismatch: %v", st)
	}
	for _, r := range st["results"].([]interface{}) {
		if r.(map[string]interface{})["status"] == "Failure" {
			t.Error("a golden mismatch has no failing cell")
		}
	}
}

func TestNotebookSummaryDeterministic(t *testing.T) {
	a := NotebookSummary(7, "ns", "job", "x.ipynb", NVJFail)
	b := NotebookSummary(7, "ns", "job", "x.ipynb", NVJFail)
	if a.Message() != b.Message() || len(a.Cells) != len(b.Cells) || a.ErrorCategory != "notebook_execution_failed" {
		t.Errorf("not deterministic or wrong category: %+v", a)
	}
	if e := ExtractErrorFromLogs(a.Log(t0)); !strings.Contains(e, "PapermillExecutionError") {
		t.Errorf("extracted %q", e)
	}
}

func TestBuildLifecycle(t *testing.T) {
	spec := map[string]interface{}{"output": map[string]interface{}{"to": map[string]interface{}{"kind": "ImageStreamTag", "name": "img:latest"}}}
	logs := newMemLogs()
	b := obj("build.openshift.io/v1", "Build", "bc-1", nil, spec)
	b.SetLabels(map[string]string{"openshift.io/build-config.name": "bc"})
	run(t, b, AdvanceBuild, logs)
	st := status(b)
	if str(st, "phase") != "Complete" || str(st, "outputDockerImageReference") != "image-registry.openshift-image-registry.svc:5000/ns/img:latest" {
		t.Errorf("status %v", st)
	}
	if _, has := st["conditions"]; has {
		t.Error("the build controller writes no conditions")
	}
	if d, _, _ := unstructured.NestedInt64(st, "duration"); d != int64(time.Second) {
		t.Errorf("duration %d", d)
	}
	if !strings.Contains(logs.get("ns/builds/bc-1/build"), "Push successful") {
		t.Error("build log")
	}
	f := obj("build.openshift.io/v1", "Build", "bc-2", map[string]string{kube.AnnOutcome: "fail"}, spec)
	run(t, f, AdvanceBuild, newMemLogs())
	if str(status(f), "phase") != "Failed" || str(status(f), "reason") != "DockerBuildFailed" || !strings.Contains(str(status(f), "logSnippet"), "exit status 1") {
		t.Errorf("fail: %v", status(f))
	}
	c := obj("build.openshift.io/v1", "Build", "bc-3", nil, spec)
	c.Object["status"] = map[string]interface{}{"phase": "Running", "cancelled": true}
	run(t, c, AdvanceBuild, newMemLogs())
	if str(status(c), "phase") != "Cancelled" {
		t.Errorf("cancel: %v", status(c))
	}
}

func severity(u *unstructured.Unstructured, typ string) string {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m := c.(map[string]interface{})
		if m["type"] == typ {
			return str(m, "severity")
		}
	}
	return "missing"
}

func sortedTypes(u *unstructured.Unstructured) bool {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for i := 1; i < len(conds); i++ {
		if str(conds[i-1].(map[string]interface{}), "type") > str(conds[i].(map[string]interface{}), "type") {
			return false
		}
	}
	return true
}

func TestISVCRawDeployment(t *testing.T) {
	spec := map[string]interface{}{"predictor": map[string]interface{}{"model": map[string]interface{}{"modelFormat": map[string]interface{}{"name": "sklearn"}, "runtime": "rt"}}}
	rt := RuntimeInfo{Found: true, Name: "rt"}
	adv := func(r RuntimeInfo) func(*unstructured.Unstructured, Env) (map[string]interface{}, bool) {
		return func(u *unstructured.Unstructured, e Env) (map[string]interface{}, bool) { return AdvanceISVC(u, r, e) }
	}
	i := obj("serving.kserve.io/v1beta1", "InferenceService", "m", map[string]string{"serving.kserve.io/deploymentMode": "RawDeployment"}, spec)
	i.SetGeneration(1)
	if n := run(t, i, adv(rt), newMemLogs()); n != 2 {
		t.Errorf("steps %d", n)
	}
	st := status(i)
	if s, _ := cond(i, "Ready"); s != "True" || str(st, "url") != "http://m-ns.apps.dev.local" || str(st, "deploymentMode") != "RawDeployment" ||
		str(st, "modelStatus", "states", "activeModelState") != "Loaded" || !sortedTypes(i) {
		t.Errorf("status %v", st)
	}
	if severity(i, "Stopped") != "Info" || severity(i, "PredictorReady") != "" {
		t.Error("severities: Info only on the conditions Ready does not depend on")
	}
	i.SetGeneration(2) // e.g. a restart annotation in spec.predictor.annotations
	if n := run(t, i, adv(rt), newMemLogs()); n != 2 {
		t.Errorf("restart steps %d", n)
	}

	// A first load that fails: the failure is in the target state; no log tail
	// without FallbackToLogsOnError.
	f := obj("serving.kserve.io/v1beta1", "InferenceService", "f", map[string]string{kube.AnnOutcome: "fail", "serving.kserve.io/deploymentMode": "RawDeployment"}, spec)
	f.SetGeneration(1)
	run(t, f, adv(rt), newMemLogs())
	st = status(f)
	if str(st, "modelStatus", "states", "activeModelState") != "" || str(st, "modelStatus", "states", "targetModelState") != "FailedToLoad" ||
		str(st, "modelStatus", "transitionStatus") != "BlockedByFailedLoad" || str(st, "modelStatus", "lastFailureInfo", "reason") != "ModelLoadFailed" ||
		str(st, "modelStatus", "lastFailureInfo", "message") != "" {
		t.Errorf("failed load %v", st["modelStatus"])
	}
	if s, r := cond(f, "PredictorReady"); s != "False" || r != "MinimumReplicasUnavailable" {
		t.Errorf("PredictorReady %s/%s", s, r)
	}
	if _, r := cond(f, "Ready"); r != "Predictor ingress not created" {
		t.Errorf("Ready names the symptom, as KServe leaves it: %s", r)
	}

	// With the log tail kept, and after an older model served.
	i.SetAnnotations(map[string]string{kube.AnnOutcome: "fail", "serving.kserve.io/deploymentMode": "RawDeployment"})
	i.SetGeneration(3)
	run(t, i, adv(RuntimeInfo{Found: true, Name: "rt", LogTailAsMessage: true}), newMemLogs())
	st = status(i)
	if str(st, "modelStatus", "states", "activeModelState") != "Loaded" || !strings.Contains(str(st, "modelStatus", "lastFailureInfo", "message"), "ModelMissingError") {
		t.Errorf("failed reload %v", st["modelStatus"])
	}

	// No runtime: InvalidSpec, the conditions left Unknown.
	n := obj("serving.kserve.io/v1beta1", "InferenceService", "n", map[string]string{"serving.kserve.io/deploymentMode": "RawDeployment"}, spec)
	n.SetGeneration(1)
	run(t, n, adv(RuntimeInfo{}), newMemLogs())
	if str(status(n), "modelStatus", "transitionStatus") != "InvalidSpec" || str(status(n), "modelStatus", "lastFailureInfo", "reason") != "RuntimeNotRecognized" {
		t.Errorf("no runtime %v", status(n))
	}
	if s, _ := cond(n, "Ready"); s != "Unknown" {
		t.Errorf("Ready %s", s)
	}

	// Stopped, then resumed.
	s := obj("serving.kserve.io/v1beta1", "InferenceService", "s", map[string]string{"serving.kserve.io/stop": "true"}, spec)
	s.SetGeneration(1)
	run(t, s, adv(rt), newMemLogs())
	if st, _ := cond(s, "Stopped"); st != "True" {
		t.Errorf("stopped %v", status(s))
	}
	s.SetAnnotations(nil)
	run(t, s, adv(rt), newMemLogs())
	if st, _ := cond(s, "Stopped"); st != "False" {
		t.Errorf("resumed %v", status(s))
	}
}

func TestISVCServerless(t *testing.T) {
	spec := map[string]interface{}{"predictor": map[string]interface{}{"model": map[string]interface{}{"modelFormat": map[string]interface{}{"name": "sklearn"}}}}
	rt := RuntimeInfo{Found: true, Name: "rt"}
	adv := func(u *unstructured.Unstructured, e Env) (map[string]interface{}, bool) { return AdvanceISVC(u, rt, e) }
	i := obj("serving.kserve.io/v1beta1", "InferenceService", "m", map[string]string{"serving.kserve.io/deploymentMode": "Serverless"}, spec)
	i.SetGeneration(1)
	run(t, i, adv, newMemLogs())
	if s, _ := cond(i, "Ready"); s != "True" || str(status(i), "components", "predictor", "latestReadyRevision") != "m-predictor-00001" {
		t.Errorf("ready %v", status(i))
	}
	traffic, _, _ := unstructured.NestedSlice(status(i), "components", "predictor", "traffic")
	if len(traffic) != 1 || severity(i, "PredictorConfigurationReady") != "Info" || severity(i, "RoutesReady") != "Info" || !sortedTypes(i) {
		t.Errorf("traffic %v, conditions %v", traffic, status(i)["conditions"])
	}

	f := obj("serving.kserve.io/v1beta1", "InferenceService", "f", map[string]string{kube.AnnOutcome: "fail", "serving.kserve.io/deploymentMode": "Serverless"}, spec)
	f.SetGeneration(1)
	run(t, f, adv, newMemLogs())
	conds, _, _ := unstructured.NestedSlice(f.Object, "status", "conditions")
	firstFalse := ""
	for _, c := range conds {
		if m := c.(map[string]interface{}); m["status"] == "False" && firstFalse == "" {
			firstFalse = str(m, "type")
		}
	}
	if firstFalse != "IngressReady" {
		t.Errorf("the first False condition is the ingress symptom, as in Knative's sorted list: %s", firstFalse)
	}
	if s, r := cond(f, "PredictorConfigurationReady"); s != "False" || r != "RevisionFailed" {
		t.Errorf("configuration %s/%s", s, r)
	}
	if !strings.Contains(str(status(f), "modelStatus", "lastFailureInfo", "message"), "ModelMissingError") {
		t.Errorf("Knative keeps the log tail: %v", status(f)["modelStatus"])
	}
}

func TestNotebookStopStart(t *testing.T) {
	nb := obj("kubeflow.org/v1", "Notebook", "wb", nil, map[string]interface{}{})
	if n := run(t, nb, AdvanceNotebook, newMemLogs()); n != 2 {
		t.Errorf("start steps %d", n)
	}
	if r, _, _ := unstructured.NestedInt64(nb.Object, "status", "readyReplicas"); r != 1 {
		t.Errorf("readyReplicas %d", r)
	}
	conds, _, _ := unstructured.NestedSlice(nb.Object, "status", "conditions")
	if len(conds) != 5 {
		t.Fatalf("the pod's five conditions mirrored: %v", conds)
	}
	for _, c := range conds {
		if c.(map[string]interface{})["status"] != "True" {
			t.Errorf("a running workbench's pod conditions are all True: %v", c)
		}
	}
	nb.SetAnnotations(map[string]string{StoppedAnnotation: "2026-01-01T00:00:00Z"})
	if n := run(t, nb, AdvanceNotebook, newMemLogs()); n != 1 {
		t.Errorf("stop steps %d", n)
	}
	if r, _, _ := unstructured.NestedInt64(nb.Object, "status", "readyReplicas"); r != 0 {
		t.Errorf("readyReplicas after stop %d", r)
	}
	if conds, found, _ := unstructured.NestedSlice(nb.Object, "status", "conditions"); !found || len(conds) != 0 {
		t.Errorf("without a pod the conditions are an empty list, not absent or null: %v", conds)
	}
}

func TestTektonChildName(t *testing.T) {
	long := strings.Repeat("x", 60)
	n := TektonChildName(long, "post-deployment-check")
	if len(n) > 63 || n != TektonChildName(long, "post-deployment-check") {
		t.Errorf("%q (%d)", n, len(n))
	}
	if TektonChildName("run", "task") != "run-task" {
		t.Error("short names must not change")
	}
}

// A cluster without Tekton: the simulator watches only the kinds it serves.
func TestKindsWithout(t *testing.T) {
	kinds := KindsWithout([]string{"tekton.dev"})
	for _, k := range kinds {
		if k.Group == "tekton.dev" {
			t.Errorf("%s still watched", k.Resource)
		}
	}
	if len(kinds) != len(watched)-2 {
		t.Errorf("%d kinds, want %d", len(kinds), len(watched)-2)
	}
	if len(KindsWithout(nil)) != len(watched) {
		t.Error("no skip must keep every kind")
	}
}

func TestStepSecondsKeepsAStepRunningAndItsLogGrowing(t *testing.T) {
	logs := newMemLogs()
	tr := obj("tekton.dev/v1", "TaskRun", "tr", map[string]string{kube.AnnStepSeconds: "3"}, map[string]interface{}{})
	now := t0
	sizes := []int{}
	for i := 0; i < 30; i++ {
		st, changed := AdvanceTaskRun(tr, testTask, Env{Now: now, Seed: 1, Logs: logs})
		if changed {
			tr.Object["status"] = st
		}
		sizes = append(sizes, len(logs.get("ns/pods/tr-pod/step-a")))
		now = now.Add(time.Second)
		if done, _ := TaskRunDone(tr); done {
			break
		}
	}
	if s, _ := cond(tr, "Succeeded"); s != "True" {
		t.Fatalf("not finished: %v", status(tr))
	}
	if l := logs.get("ns/pods/tr-pod/step-a"); strings.Count(l, " progress ") < 2 {
		t.Errorf("step log did not grow while running: %q", l)
	}
	grew := 0
	for i := 1; i < len(sizes); i++ {
		if sizes[i] > sizes[i-1] {
			grew++
		}
	}
	if grew < 3 {
		t.Errorf("log grew in %d ticks: %v", grew, sizes)
	}

	b := obj("build.openshift.io/v1", "Build", "bc-9", map[string]string{kube.AnnStepSeconds: "2"}, map[string]interface{}{})
	blogs := newMemLogs()
	now = t0
	for i := 0; i < 20 && !BuildTerminal(str(status(b), "phase")); i++ {
		if st, changed := AdvanceBuild(b, Env{Now: now, Seed: 1, Logs: blogs}); changed {
			b.Object["status"] = st
		}
		now = now.Add(time.Second)
	}
	if l := blogs.get("ns/builds/bc-9/build"); str(status(b), "phase") != "Complete" || !strings.Contains(l, " progress 1s of 2s") {
		t.Errorf("build: %v, log %q", status(b), l)
	}
}
