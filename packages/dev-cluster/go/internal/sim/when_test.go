package sim

import "testing"

// A PipelineRun param's value reaches a task's param as it was given: each
// kind of variable is one pass in one scan (tektoncd/pipeline
// pkg/substitution/substitution.go ApplyReplacements), so a value holding
// another reference is not substituted again in its pass.
func TestSubstituteDoesNotRescanAValueInItsPass(t *testing.T) {
	v := RunValues{
		Params:  map[string]string{"git-ref": "$(params.model-name) $(touch /tmp/x)", "model-name": "churn"},
		Context: map[string]string{"context.pipelineRun.name": "run-1"},
	}
	got, ok := v.Substitute("$(params.git-ref)|$(params.model-name)|$(context.pipelineRun.name)")
	if want := "$(params.model-name) $(touch /tmp/x)|churn|run-1"; !ok || got != want {
		t.Errorf("Substitute = %q, %v; want %q", got, ok, want)
	}
}
