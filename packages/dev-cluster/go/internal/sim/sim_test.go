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

var testTask = TaskInfo{Name: "t", Found: true, Results: []string{"model-health"}, Steps: []Step{{Name: "a", Image: "img:1"}, {Name: "b", Image: "img:1", Script: "echo $(params.x)"}}}

func TestTaskRunSucceeds(t *testing.T) {
	logs := newMemLogs()
	tr := obj("tekton.dev/v1", "TaskRun", "tr", nil, map[string]interface{}{"params": []interface{}{map[string]interface{}{"name": "x", "value": "hello"}}})
	steps := run(t, tr, func(u *unstructured.Unstructured, e Env) (map[string]interface{}, bool) {
		return AdvanceTaskRun(u, testTask, e)
	}, logs)
	if steps != 4 { // pending, a running, b running, done
		t.Errorf("steps = %d", steps)
	}
	if s, r := cond(tr, "Succeeded"); s != "True" || r != "Succeeded" {
		t.Errorf("condition %s/%s", s, r)
	}
	if v, _, _ := unstructured.NestedString(tr.Object, "status", "podName"); v != "tr-pod" {
		t.Errorf("podName %q", v)
	}
	res, _, _ := unstructured.NestedSlice(tr.Object, "status", "results")
	if len(res) != 1 || res[0].(map[string]interface{})["value"] != "healthy" {
		t.Errorf("results %v", res)
	}
	if l := logs.get("ns/pods/tr-pod/step-b"); !strings.Contains(l, "+ echo hello") {
		t.Errorf("step log lacks substituted script: %q", l)
	}
	pod := TaskRunPod(tr)
	if pod == nil || PodPhase(pod) != "Succeeded" {
		t.Fatalf("pod %v", pod)
	}
}

func TestTaskRunFailsAtStepAndCancels(t *testing.T) {
	tr := obj("tekton.dev/v1", "TaskRun", "tr", map[string]string{kube.AnnOutcome: "fail", kube.AnnFailAt: "a"}, map[string]interface{}{})
	run(t, tr, func(u *unstructured.Unstructured, e Env) (map[string]interface{}, bool) {
		return AdvanceTaskRun(u, testTask, e)
	}, newMemLogs())
	if s, r := cond(tr, "Succeeded"); s != "False" || r != "Failed" {
		t.Errorf("condition %s/%s", s, r)
	}
	steps, _, _ := unstructured.NestedSlice(tr.Object, "status", "steps")
	if steps[1].(map[string]interface{})["terminationReason"] != "Skipped" {
		t.Errorf("later step not skipped: %v", steps[1])
	}

	c := obj("tekton.dev/v1", "TaskRun", "c", nil, map[string]interface{}{})
	st, _ := AdvanceTaskRun(c, testTask, Env{Now: t0, Logs: newMemLogs()})
	c.Object["status"] = st
	c.Object["spec"] = map[string]interface{}{"status": "TaskRunCancelled"}
	run(t, c, func(u *unstructured.Unstructured, e Env) (map[string]interface{}, bool) {
		return AdvanceTaskRun(u, testTask, e)
	}, newMemLogs())
	if s, r := cond(c, "Succeeded"); s != "False" || r != "TaskRunCancelled" {
		t.Errorf("cancel: %s/%s", s, r)
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
	return map[string]interface{}{
		"params": []interface{}{map[string]interface{}{"name": "health-check-enabled", "default": "true"}},
		"tasks": []interface{}{
			task("deploy", []interface{}{"check"}, nil),
			task("train", nil, nil),
			task("check", []interface{}{"train"}, []interface{}{map[string]interface{}{"input": "$(params.health-check-enabled)", "operator": "in", "values": []interface{}{"true"}}}),
		},
		"results": []interface{}{map[string]interface{}{"name": "health", "value": "$(tasks.check.results.model-health)"}},
	}
}

// playPipeline runs a PipelineRun with its TaskRuns to the end.
func playPipeline(t *testing.T, pr *unstructured.Unstructured, spec map[string]interface{}) map[string]*unstructured.Unstructured {
	t.Helper()
	children := map[string]*unstructured.Unstructured{}
	now := t0
	for i := 0; i < 100; i++ {
		env := Env{Now: now, Seed: 1, Logs: newMemLogs()}
		st, changed, act := AdvancePipelineRun(pr, spec, children, env)
		pr.Object["status"] = st
		for _, tr := range act.Create {
			children[tr.GetLabels()["tekton.dev/pipelineTask"]] = tr
		}
		for _, tr := range children {
			if s, c := AdvanceTaskRun(tr, testTask, env); c {
				tr.Object["status"] = s
			}
		}
		if done, _ := TaskRunDone(pr); done {
			return children
		}
		_ = changed
		now = now.Add(time.Second)
	}
	t.Fatal("pipeline did not finish")
	return nil
}

func TestPipelineRunOrderWhenAndResults(t *testing.T) {
	pr := obj("tekton.dev/v1", "PipelineRun", "run", nil, map[string]interface{}{"pipelineRef": map[string]interface{}{"name": "p"}})
	pr.SetLabels(map[string]string{"model-name": "m"})
	children := playPipeline(t, pr, pipelineSpec())
	if s, r := cond(pr, "Succeeded"); s != "True" || r != "Succeeded" {
		t.Fatalf("condition %s/%s", s, r)
	}
	refs, _, _ := unstructured.NestedSlice(pr.Object, "status", "childReferences")
	var order []string
	for _, r := range refs {
		order = append(order, r.(map[string]interface{})["pipelineTaskName"].(string))
	}
	if strings.Join(order, ",") != "train,check,deploy" {
		t.Errorf("order %v", order)
	}
	tr := children["check"]
	if tr.GetName() != "run-check" || tr.GetLabels()["tekton.dev/pipelineRun"] != "run" || tr.GetLabels()["tekton.dev/task"] != "t" || tr.GetLabels()["model-name"] != "m" {
		t.Errorf("child %s labels %v", tr.GetName(), tr.GetLabels())
	}
	res, _, _ := unstructured.NestedSlice(pr.Object, "status", "results")
	if len(res) != 1 || res[0].(map[string]interface{})["value"] != "healthy" {
		t.Errorf("results %v", res)
	}

	skip := obj("tekton.dev/v1", "PipelineRun", "skip", nil, map[string]interface{}{"params": []interface{}{map[string]interface{}{"name": "health-check-enabled", "value": "false"}}})
	children = playPipeline(t, skip, pipelineSpec())
	if s, r := cond(skip, "Succeeded"); s != "True" || r != "Completed" {
		t.Errorf("skipped run: %s/%s", s, r)
	}
	if _, ok := children["check"]; ok {
		t.Error("skipped task got a TaskRun")
	}
	sk, _, _ := unstructured.NestedSlice(skip.Object, "status", "skippedTasks")
	if len(sk) != 1 || sk[0].(map[string]interface{})["name"] != "check" {
		t.Errorf("skippedTasks %v", sk)
	}
}

func TestPipelineRunFailsCancelsAndPends(t *testing.T) {
	pr := obj("tekton.dev/v1", "PipelineRun", "f", map[string]string{kube.AnnOutcome: "fail", kube.AnnFailAt: "check"}, map[string]interface{}{})
	children := playPipeline(t, pr, pipelineSpec())
	if s, r := cond(pr, "Succeeded"); s != "False" || r != "Failed" {
		t.Fatalf("condition %s/%s", s, r)
	}
	if _, ok := children["deploy"]; ok {
		t.Error("task after the failure ran")
	}

	missing := obj("tekton.dev/v1", "PipelineRun", "m", nil, map[string]interface{}{})
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

	c := obj("tekton.dev/v1", "PipelineRun", "c", nil, map[string]interface{}{})
	children = map[string]*unstructured.Unstructured{}
	for i := 0; i < 2; i++ {
		st, _, act := AdvancePipelineRun(c, pipelineSpec(), children, Env{Now: t0})
		c.Object["status"] = st
		for _, tr := range act.Create {
			children[tr.GetLabels()["tekton.dev/pipelineTask"]] = tr
		}
	}
	c.Object["spec"] = map[string]interface{}{"status": "Cancelled"}
	st, _, act = AdvancePipelineRun(c, pipelineSpec(), children, Env{Now: t0})
	c.Object["status"] = st
	if s, r := cond(c, "Succeeded"); s != "False" || r != "Cancelled" || len(act.Cancel) != 1 || act.Cancel[0] != "c-train" {
		t.Errorf("cancel: %s/%s %v", s, r, act.Cancel)
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

func TestNVJPaths(t *testing.T) {
	spec := func(build bool) map[string]interface{} {
		return map[string]interface{}{
			"notebook":  map[string]interface{}{"git": map[string]interface{}{"url": "https://x/y.git", "ref": "main"}, "path": "nb/train.ipynb"},
			"podConfig": map[string]interface{}{"containerImage": "img", "buildConfig": map[string]interface{}{"enabled": build}},
		}
	}
	phases := func(u *unstructured.Unstructured, logs LogSink) []string {
		var out []string
		now := t0
		for i := 0; i < 20; i++ {
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
	ok := obj("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", "ok", nil, spec(true))
	if got := strings.Join(phases(ok, newMemLogs()), ">"); got != "Initializing>Building>BuildComplete>ValidationRunning>Succeeded" {
		t.Errorf("phases %s", got)
	}
	if bs, _, _ := unstructured.NestedString(ok.Object, "status", "buildStatus", "phase"); bs != "Complete" {
		t.Errorf("buildStatus %s", bs)
	}
	if s, r := cond(ok, "Ready"); s != "True" || r != "Succeeded" {
		t.Errorf("Ready %s/%s", s, r)
	}
	res, _, _ := unstructured.NestedSlice(ok.Object, "status", "results")
	if len(res) < 5 {
		t.Errorf("results %d", len(res))
	}

	logs := newMemLogs()
	dep := obj("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", "dep", map[string]string{kube.AnnOutcome: NVJDependency}, spec(false))
	if got := strings.Join(phases(dep, logs), ">"); got != "Initializing>ValidationRunning>Failed" {
		t.Errorf("phases %s", got)
	}
	if s, r := cond(dep, "Ready"); s != "False" || r != "DependencyInstallFailed" {
		t.Errorf("Ready %s/%s", s, r)
	}
	l := logs.get("ns/pods/dep-validation/validator")
	if !strings.Contains(l, "Results Summary:") || !strings.Contains(l, `"error_category": "dependency_install_failed"`) {
		t.Errorf("validator log lacks the results summary: %s", l)
	}
	if p := NVJPod(dep); p == nil || PodPhase(p) != "Failed" || p.GetName() != "dep-validation" {
		t.Errorf("pod %v", p)
	}

	bf := obj("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", "bf", map[string]string{kube.AnnOutcome: NVJBuildFail}, spec(true))
	if got := strings.Join(phases(bf, newMemLogs()), ">"); got != "Initializing>Building>Failed" {
		t.Errorf("phases %s", got)
	}
	if s, r := cond(bf, "BuildReady"); s != "False" || r != "BuildFailed" {
		t.Errorf("BuildReady %s/%s", s, r)
	}
}

func TestNotebookSummaryDeterministic(t *testing.T) {
	a := NotebookSummary(7, "ns", "job", "x.ipynb", NVJFail)
	b := NotebookSummary(7, "ns", "job", "x.ipynb", NVJFail)
	if a.Message() != b.Message() || len(a.Cells) != len(b.Cells) || a.ErrorCategory != "notebook_execution_failed" {
		t.Errorf("not deterministic or wrong category: %+v", a)
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
	if d, _, _ := unstructured.NestedInt64(st, "duration"); d != int64(time.Second) {
		t.Errorf("duration %d", d)
	}
	if !strings.Contains(logs.get("ns/builds/bc-1/build"), "Push successful") {
		t.Error("build log")
	}
	f := obj("build.openshift.io/v1", "Build", "bc-2", map[string]string{kube.AnnOutcome: "fail"}, spec)
	run(t, f, AdvanceBuild, newMemLogs())
	if str(status(f), "phase") != "Failed" || str(status(f), "reason") != "DockerBuildFailed" {
		t.Errorf("fail: %v", status(f))
	}
	c := obj("build.openshift.io/v1", "Build", "bc-3", nil, spec)
	c.Object["status"] = map[string]interface{}{"phase": "Running", "cancelled": true}
	run(t, c, AdvanceBuild, newMemLogs())
	if str(status(c), "phase") != "Cancelled" {
		t.Errorf("cancel: %v", status(c))
	}
}

func TestISVCReadyFailAndRestart(t *testing.T) {
	spec := map[string]interface{}{"predictor": map[string]interface{}{"model": map[string]interface{}{"modelFormat": map[string]interface{}{"name": "sklearn"}}}}
	i := obj("serving.kserve.io/v1beta1", "InferenceService", "m", map[string]string{"serving.kserve.io/deploymentMode": "RawDeployment"}, spec)
	i.SetGeneration(1)
	if n := run(t, i, AdvanceISVC, newMemLogs()); n != 2 {
		t.Errorf("steps %d", n)
	}
	st := status(i)
	if s, _ := cond(i, "Ready"); s != "True" || str(st, "url") != "http://m-ns.apps.dev.local" || str(st, "deploymentMode") != "RawDeployment" ||
		str(st, "modelStatus", "states", "activeModelState") != "Loaded" {
		t.Errorf("status %v", st)
	}
	i.SetGeneration(2) // e.g. a restart annotation in spec.predictor.annotations
	if n := run(t, i, AdvanceISVC, newMemLogs()); n != 2 {
		t.Errorf("restart steps %d", n)
	}
	f := obj("serving.kserve.io/v1beta1", "InferenceService", "f", map[string]string{kube.AnnOutcome: "fail"}, spec)
	f.SetGeneration(1)
	run(t, f, AdvanceISVC, newMemLogs())
	if s, r := cond(f, "Ready"); s != "False" || r != "ModelLoadFailed" || str(status(f), "modelStatus", "lastFailureInfo", "reason") != "ModelLoadFailed" {
		t.Errorf("fail status %v", status(f))
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
	nb.SetAnnotations(map[string]string{StoppedAnnotation: "2026-01-01T00:00:00Z"})
	if n := run(t, nb, AdvanceNotebook, newMemLogs()); n != 1 {
		t.Errorf("stop steps %d", n)
	}
	if r, _, _ := unstructured.NestedInt64(nb.Object, "status", "readyReplicas"); r != 0 {
		t.Errorf("readyReplicas after stop %d", r)
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
