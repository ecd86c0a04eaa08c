package admission

import (
	"encoding/json"
	"strings"
	"testing"
)

func decode(t *testing.T, s string) obj {
	t.Helper()
	var o obj
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

func messages(errs []FieldError) string { return Errors(errs) }

// openShiftPipelines are the gates as OpenShift Pipelines installs them: the
// operator takes Tekton's defaults (tektoncd/operator
// pkg/apis/operator/v1alpha1/tektonpipeline_defaults.go), so both are off.
var openShiftPipelines = DefaultFeatureFlags

// The data-source param as the ml-model template declared it before issue 21.
const pipelineWithEnum = `{"spec": {
  "params": [
    {"name": "model-name", "type": "string"},
    {"name": "data-source", "type": "string", "default": "synthetic", "enum": ["synthetic", "prometheus", "hybrid"]}
  ],
  "tasks": [{"name": "train", "taskRef": {"name": "t"},
    "params": [{"name": "data-source", "value": "$(params.data-source)"}, {"name": "pipeline-run", "value": "$(context.pipelineRun.name)"}]}]
}}`

func TestParamEnumNeedsItsFeatureFlag(t *testing.T) {
	got := messages(Validate("Pipeline", decode(t, pipelineWithEnum), openShiftPipelines))
	want := "feature flag `enable-param-enum` should be set to true to use Enum: spec.params[data-source]"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if errs := Validate("Pipeline", decode(t, pipelineWithEnum), FeatureFlags{ParamEnum: true}); len(errs) != 0 {
		t.Fatalf("with the flag on: %v", errs)
	}
	// The same gate on a Task, and inside a PipelineRun's embedded Pipeline.
	task := `{"spec": {"params": [{"name": "mode", "enum": ["a"]}], "steps": [{"name": "s", "image": "i", "script": "echo $(params.mode)"}]}}`
	if got := messages(Validate("Task", decode(t, task), openShiftPipelines)); !strings.Contains(got, "use Enum: spec.params[mode]") {
		t.Fatalf("Task: %q", got)
	}
	run := `{"spec": {"pipelineSpec": ` + strings.TrimSuffix(strings.TrimPrefix(pipelineWithEnum, `{"spec": `), "}") + `}}`
	if got := messages(Validate("PipelineRun", decode(t, run), openShiftPipelines)); !strings.Contains(got, "use Enum: spec.pipelineSpec.params[data-source]") {
		t.Fatalf("PipelineRun: %q", got)
	}
}

func TestEnumRulesWhenTheFlagIsOn(t *testing.T) {
	p := `{"spec": {"params": [{"name": "n", "type": "array", "default": "x", "enum": ["a", "b"]}], "tasks": []}}`
	got := messages(Validate("Pipeline", decode(t, p), FeatureFlags{ParamEnum: true}))
	for _, want := range []string{"enum can only be set with string type param: spec.params[n]", "param default value x not in the enum list: spec.params[n]"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
}

func TestCELInWhenNeedsItsFeatureFlag(t *testing.T) {
	p := `{"spec": {"tasks": [{"name": "t", "taskRef": {"name": "t"}, "when": [{"cel": "'a' == 'a'"}]}]}}`
	got := messages(Validate("Pipeline", decode(t, p), openShiftPipelines))
	if got != "feature flag enable-cel-in-whenexpression should be set to true to use CEL: 'a' == 'a' in WhenExpression: spec.tasks[0].when[0]" {
		t.Fatalf("got %q", got)
	}
	if errs := Validate("Pipeline", decode(t, p), FeatureFlags{CELInWhen: true}); len(errs) != 0 {
		t.Fatalf("with the flag on: %v", errs)
	}
}

func TestV1beta1OnlyFieldsAreUnknownInV1(t *testing.T) {
	cases := []struct{ kind, object, want string }{
		{"PipelineRun", `{"spec": {"pipelineRef": {"name": "p"}, "timeout": "1h"}}`,
			`cannot decode incoming new object: json: unknown field "timeout" (in tekton.dev/v1 use spec.timeouts.pipeline): spec.timeout`},
		{"PipelineRun", `{"spec": {"pipelineRef": {"name": "p"}, "serviceAccountName": "sa"}}`,
			`unknown field "serviceAccountName" (in tekton.dev/v1 use spec.taskRunTemplate.serviceAccountName): spec.serviceAccountName`},
		{"PipelineRun", `{"spec": {"pipelineRef": {"name": "p"}, "taskRunSpecs": [{"pipelineTaskName": "t", "taskServiceAccountName": "sa"}]}}`,
			`unknown field "taskServiceAccountName" (in tekton.dev/v1 use serviceAccountName): spec.taskRunSpecs[0].taskServiceAccountName`},
		{"PipelineRun", `{"spec": {"pipelineSpec": {"tasks": [{"name": "t", "taskSpec": {"steps": [{"name": "s", "image": "i", "resources": {}}]}}]}}}`,
			`unknown field "resources" (in tekton.dev/v1 use computeResources): spec.pipelineSpec.tasks[0].taskSpec.steps[0].resources`},
		{"Task", `{"spec": {"steps": [{"name": "s", "image": "i", "resources": {"limits": {"cpu": "1"}}}]}}`,
			`unknown field "resources" (in tekton.dev/v1 use computeResources): spec.steps[0].resources`},
		{"TaskRun", `{"spec": {"taskRef": {"name": "t", "bundle": "quay.io/x"}}}`,
			`unknown field "bundle" (in tekton.dev/v1 use the bundles resolver (resolver: bundles)): spec.taskRef.bundle`},
		{"Pipeline", `{"spec": {"resources": [], "tasks": []}}`,
			`unknown field "resources" (PipelineResources were removed in tekton.dev/v1): spec.resources`},
	}
	for _, c := range cases {
		got := messages(Validate(c.kind, decode(t, c.object), openShiftPipelines))
		if !strings.Contains(got, c.want) {
			t.Errorf("%s %s: got %q, want %q", c.kind, c.object, got, c.want)
		}
	}
}

func TestTaskVariables(t *testing.T) {
	task := func(script string) obj {
		return decode(t, `{"spec": {"params": [{"name": "model-name"}, {"name": "pipeline-run"}], "results": [{"name": "candidate"}],
			"steps": [{"name": "s", "image": "i", "script": `+mustJSON(script)+`}]}}`)
	}
	accepted := []string{
		"echo $(params.model-name) $(params['pipeline-run']) $(params[\"model-name\"])",
		"echo $(context.taskRun.name) $(context.taskRun.namespace) $(context.task.name) $(context.task.retry-count)",
		"echo x > $(results.candidate.path)",
		// Upstream validates only the context.taskRun and context.task prefixes in a
		// Task: a Pipeline-only variable passes admission (and is left unsubstituted
		// at run time, docs/variables.md), so the dev cluster accepts it too.
		"echo $(context.pipelineRun.name)",
	}
	for _, script := range accepted {
		if errs := Validate("Task", task(script), openShiftPipelines); len(errs) != 0 {
			t.Errorf("%q: %v", script, errs)
		}
	}
	rejected := map[string]string{
		"echo $(params.data-source)":       `non-existent variable in "echo $(params.data-source)": spec.steps[0].script`,
		"echo $(context.taskRun.nmae)":     `non-existent variable in "echo $(context.taskRun.nmae)": spec.steps[0].script`,
		"echo $(context.task.retries)":     `non-existent variable in "echo $(context.task.retries)": spec.steps[0].script`,
		"echo x > $(results.missing.path)": `non-existent variable in "echo x > $(results.missing.path)": spec.steps[0].script`,
	}
	for script, want := range rejected {
		if got := messages(Validate("Task", task(script), openShiftPipelines)); got != want {
			t.Errorf("%q: got %q, want %q", script, got, want)
		}
	}
	// Embedded in a TaskRun, a Task spec may use params it does not declare
	// (propagated params): only Tasks created directly are checked for them.
	run := decode(t, `{"spec": {"taskSpec": {"steps": [{"name": "s", "image": "i", "script": "echo $(params.anything)"}]}}}`)
	if errs := Validate("TaskRun", run, openShiftPipelines); len(errs) != 0 {
		t.Errorf("embedded: %v", errs)
	}
}

func TestPipelineVariables(t *testing.T) {
	p := func(value string) obj {
		return decode(t, `{"spec": {"params": [{"name": "model-name"}, {"name": "a.b"}], "tasks": [{"name": "t", "taskRef": {"name": "t"},
			"params": [{"name": "x", "value": `+mustJSON(value)+`}], "when": [{"input": "$(params.model-name)", "operator": "in", "values": ["y"]}]}]}}`)
	}
	for _, ok := range []string{"$(params.model-name)", "$(params.a.b)", "$(context.pipelineRun.name)", "$(context.pipelineRun.uid)", "$(context.pipeline.name)", "$(context.pipelineTask.retries)"} {
		if errs := Validate("Pipeline", p(ok), openShiftPipelines); len(errs) != 0 {
			t.Errorf("%q: %v", ok, errs)
		}
	}
	for _, bad := range []string{"$(params.data-source)", "$(context.pipelineRun.id)", "$(context.pipeline.namespace)"} {
		want := `non-existent variable in "` + bad + `": spec.tasks[0].params[x].value`
		if got := messages(Validate("Pipeline", p(bad), openShiftPipelines)); got != want {
			t.Errorf("%q: got %q, want %q", bad, got, want)
		}
	}
}

func TestFlagsFromConfigMap(t *testing.T) {
	f, err := FlagsFromConfigMap(nil)
	if err != nil || f != DefaultFeatureFlags {
		t.Fatalf("absent: %+v %v", f, err)
	}
	f, err = FlagsFromConfigMap(map[string]string{"enable-param-enum": "true", "enable-api-fields": "beta"})
	if err != nil || !f.ParamEnum || f.CELInWhen {
		t.Fatalf("param enum on: %+v %v", f, err)
	}
	if _, err := FlagsFromConfigMap(map[string]string{"enable-param-enum": "yes please"}); err == nil ||
		!strings.Contains(err.Error(), `failed parsing feature flags config "yes please"`) {
		t.Fatalf("invalid value: %v", err)
	}
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
