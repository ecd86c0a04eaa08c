package execute

import (
	"reflect"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// A Task with what the New ML model template's steps use, run by a TaskRun that
// binds its workspace and sets some params.
func substitutionFixture(t *testing.T) (map[string]interface{}, *unstructured.Unstructured, []Workspace) {
	t.Helper()
	taskSpec := map[string]interface{}{
		"params": []interface{}{
			map[string]interface{}{"name": "model-name"},
			map[string]interface{}{"name": "data-source", "default": "synthetic"},
			map[string]interface{}{"name": "pipeline-run", "default": ""},
			map[string]interface{}{"name": "flags", "type": "array", "default": []interface{}{"-a", "-b"}},
		},
		"results":    []interface{}{map[string]interface{}{"name": "candidate"}},
		"workspaces": []interface{}{map[string]interface{}{"name": "model-storage", "mountPath": "/mnt/models"}},
		"steps": []interface{}{
			map[string]interface{}{
				"name":  "train",
				"image": "image-registry.openshift-image-registry.svc:5000/$(context.taskRun.namespace)/$(params.model-name)-notebook:latest",
				"script": strings.Join([]string{
					`RUN="$(params.pipeline-run)"`,
					`echo $(params['model-name']) $(params["data-source"]) $(context.taskRun.name) $(context.task.name) $(context.task.retry-count)`,
					`echo $(context.pipelineRun.name) $(params.unknown)`,
					`printf x > "$(results.candidate.path)"; ls $(workspaces.model-storage.path) $(workspaces.model-storage.claim)`,
				}, "\n"),
				"command": []interface{}{"run", "$(params.flags[*])", "$(params.flags[1])"},
			},
		},
	}
	tr := &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "tekton.dev/v1", "kind": "TaskRun",
		"metadata": map[string]interface{}{"name": "tr-1", "namespace": "ns-a", "uid": "u-1"},
		"spec": map[string]interface{}{
			"params": []interface{}{
				map[string]interface{}{"name": "model-name", "value": "churn"},
				map[string]interface{}{"name": "data-source", "value": "hybrid"},
			},
			"workspaces": []interface{}{map[string]interface{}{"name": "model-storage", "persistentVolumeClaim": map[string]interface{}{"claimName": "churn-models"}}},
		},
	}}
	ws, err := taskWorkspaces(taskSpec, tr)
	if err != nil {
		t.Fatal(err)
	}
	return taskSpec, tr, ws
}

func TestSubstitutedStepsFollowTekton(t *testing.T) {
	taskSpec, tr, ws := substitutionFixture(t)
	steps := substitutedSteps(taskSpec, tr, "churn-train", ws, 2)
	if len(steps) != 1 {
		t.Fatalf("steps: %d", len(steps))
	}
	s := steps[0]
	if s.Container != "step-train" {
		t.Errorf("container %q", s.Container)
	}
	if want := "image-registry.openshift-image-registry.svc:5000/ns-a/churn-notebook:latest"; s.Image != want {
		t.Errorf("image %q, want %q", s.Image, want)
	}
	want := strings.Join([]string{
		// A default param that the TaskRun does not set.
		`RUN=""`,
		// All three spellings of a param; the Task's own context.
		`echo churn hybrid tr-1 churn-train 2`,
		// Variables no pass knows stay as text (bash then runs them as commands).
		`echo $(context.pipelineRun.name) $(params.unknown)`,
		`printf x > "/tekton/results/candidate"; ls /mnt/models churn-models`,
	}, "\n")
	if s.Script != want {
		t.Errorf("script:\n%s\nwant:\n%s", s.Script, want)
	}
	// A whole "$(array[*])" argument expands to the elements; an index is one element.
	if !reflect.DeepEqual(s.Command, []string{"run", "-a", "-b", "-b"}) {
		t.Errorf("command %q", s.Command)
	}
}

func TestUnboundRequiredWorkspaceIsAUserError(t *testing.T) {
	taskSpec, tr, _ := substitutionFixture(t)
	unstructured.RemoveNestedField(tr.Object, "spec", "workspaces")
	_, err := taskWorkspaces(taskSpec, tr)
	if err == nil || err.Error() != `[User error] declared workspace "model-storage" is required but has not been bound` {
		t.Fatalf("err = %v", err)
	}
}

func TestResultValueFollowsTektonTypes(t *testing.T) {
	for _, c := range []struct {
		typ, raw string
		ok       bool
	}{
		{"string", "not json", true},
		{"array", `["a","b"]`, true},
		{"array", `{"a":"b"}`, false},
		{"object", `{"a":"b"}`, true},
		{"object", "plain", false},
	} {
		if _, ok := resultValue(c.typ, c.raw); ok != c.ok {
			t.Errorf("resultValue(%q, %q) ok = %v, want %v", c.typ, c.raw, ok, c.ok)
		}
	}
}

// A value a user controls reaches a step as an env var, as data: Tekton
// substitutes env values (tektoncd/pipeline pkg/container/container_replacements.go,
// applyContainerReplacements: Env[].Value, not the name), the script stays as
// written, and a substituted value is not scanned again in the same pass
// (pkg/substitution/substitution.go ApplyReplacements, one strings.Replacer).
// docs/tasks.md, "Substituting in Script blocks", recommends exactly this.
func TestEnvValuesAreSubstitutedAndTheScriptKeepsTheValueOut(t *testing.T) {
	taskSpec, tr, ws := substitutionFixture(t)
	hostile := `$(touch /tmp/pwned) "q" 'q' ; $(params.model-name) $HOME` + "\n" + "`id`"
	unstructured.SetNestedSlice(tr.Object, []interface{}{
		map[string]interface{}{"name": "model-name", "value": "churn"},
		map[string]interface{}{"name": "data-source", "value": hostile},
	}, "spec", "params")
	taskSpec["stepTemplate"] = map[string]interface{}{
		"env": []interface{}{map[string]interface{}{"name": "MODEL_NAME", "value": "$(params.model-name)"}},
	}
	step := taskSpec["steps"].([]interface{})[0].(map[string]interface{})
	step["script"] = `case "${DATA_SOURCE}" in synthetic) ;; *) exit 1 ;; esac`
	step["env"] = []interface{}{
		map[string]interface{}{"name": "DATA_SOURCE", "value": "$(params.data-source)"},
		map[string]interface{}{"name": "TASK_RUN", "value": "$(context.taskRun.name)"},
		map[string]interface{}{"name": "PATHS", "value": "$(results.candidate.path):$(workspaces.model-storage.path)"},
		map[string]interface{}{"name": "$(params.model-name)", "value": "name stays"},
	}
	s := substitutedSteps(taskSpec, tr, "churn-train", ws, 0)[0]
	want := []string{
		"MODEL_NAME=churn",
		"DATA_SOURCE=" + hostile,
		"TASK_RUN=tr-1",
		"PATHS=/tekton/results/candidate:/mnt/models",
		"$(params.model-name)=name stays",
	}
	if !reflect.DeepEqual(s.Env, want) {
		t.Errorf("env:\n%q\nwant:\n%q", s.Env, want)
	}
	if s.Script != `case "${DATA_SOURCE}" in synthetic) ;; *) exit 1 ;; esac` {
		t.Errorf("script changed: %q", s.Script)
	}
}

// Within one pass a value put in is not substituted again (pkg/substitution
// ApplyReplacements); the next pass does see it, as Tekton applies params,
// then contexts, then workspaces, then results (apply.go).
func TestASubstitutedValueIsNotScannedAgainInItsPass(t *testing.T) {
	r := newReplacements()
	r.str["params.first"] = "$(params.b)"
	r.str["params.b"] = "B"
	if got := r.apply("$(params.first) $(params.b)"); got != "$(params.b) B" {
		t.Errorf("apply = %q", got)
	}
}
