package seed

import (
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/admission"
	"github.com/backstage-mlops/dev-cluster/internal/sim"
)

func TestRunSpecsDeterministicAndShaped(t *testing.T) {
	base := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	names := map[string]bool{}
	for _, m := range Models {
		a, b := m.runSpecs(1, base), m.runSpecs(1, base)
		if len(a) != m.Runs {
			t.Fatalf("%s: %d runs", m.Name, len(a))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%s run %d not deterministic", m.Name, i)
			}
			if names[a[i].name] || !strings.Contains(a[i].name, m.Name) {
				t.Fatalf("bad or duplicate name %s", a[i].name)
			}
			names[a[i].name] = true
			if !a[i].start.Before(base) {
				t.Errorf("%s starts after base", a[i].name)
			}
		}
		if m.LastRunFails != (a[0].failAt == "train-model") {
			t.Errorf("%s: latest run failAt=%q", m.Name, a[0].failAt)
		}
	}
}

func TestSimulatedHistoricalRun(t *testing.T) {
	m := Models[0]
	ns := m.Namespace
	p := pipeline(ns)
	spec, _, _ := unstructured.NestedMap(p.Object, "spec")
	infos := map[string]sim.TaskInfo{}
	for _, tk := range tasks(ns) {
		s, _, _ := unstructured.NestedMap(tk.Object, "spec")
		infos[tk.GetName()] = sim.TaskInfoFromSpec(tk.GetName(), s)
	}
	base := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, r := range m.runSpecs(1, base)[:8] {
		pr := m.pipelineRun(r, 1)
		st, trs, err := simulateRun(pr, spec, infos, r, 1, newBufferSink())
		if err != nil {
			t.Fatal(err)
		}
		cond := st["conditions"].([]interface{})[0].(map[string]interface{})
		// A failure of the best-effort model card is ignored (onError: continue)
		// and a rollout that fails only its first attempt succeeds on its retry:
		// both runs succeed.
		wantOK := r.failAt == "" || r.failAt == "publish-model-card" || r.failAttempts != ""
		if (cond["status"] == "True") != wantOK {
			t.Errorf("%s: condition %v, failAt %q", r.name, cond, r.failAt)
		}
		// train, health (unless its when expression skips it), deploy, check,
		// model card, and the finally task that always runs. A skipped health
		// check does not skip what runs after it; a failed task does.
		want := 6
		if !r.health {
			want = 5
		}
		switch r.failAt {
		case "health-check":
			want = 3
		case "train-model":
			want = 2
		}
		if len(trs) != want {
			t.Errorf("%s: %d TaskRuns, want %d", r.name, len(trs), want)
		}
		if r.name == m.runSpecs(1, base)[0].name && m.LastRunShowsTektonSemantics {
			skippedTasks, _, _ := unstructured.NestedSlice(st, "skippedTasks")
			if len(skippedTasks) != 1 || skippedTasks[0].(map[string]interface{})["reason"] != sim.SkipWhen {
				t.Errorf("%s: skippedTasks %v, want health-check skipped by its when expression", r.name, skippedTasks)
			}
			if !strings.Contains(cond["message"].(string), "(Ignored: 1)") {
				t.Errorf("%s: message %q does not count the ignored failure", r.name, cond["message"])
			}
		}
		start, _ := time.Parse(time.RFC3339, st["startTime"].(string))
		if !start.Equal(r.start) {
			t.Errorf("%s: startTime %v, want %v", r.name, start, r.start)
		}
	}
}

func TestHistoryStartsNoEarlierThanTheObject(t *testing.T) {
	want := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	created := func(at time.Time) *unstructured.Unstructured {
		o := &unstructured.Unstructured{Object: map[string]interface{}{}}
		if !at.IsZero() {
			o.SetCreationTimestamp(metav1.NewTime(at))
		}
		return o
	}

	// Seeded now: the history of an object created after want starts at its creation.
	now := want.Add(20 * time.Hour)
	start, step := historyStart(created(now), want, 40*time.Second)
	if !start.Equal(now) || step != 0 {
		t.Errorf("created after want: start %s step %s, want %s and 0", start, step, now)
	}
	// Seeded again into an older object: the history keeps its place and steps.
	start, step = historyStart(created(want.Add(-time.Hour)), want, 40*time.Second)
	if !start.Equal(want) || step != 40*time.Second {
		t.Errorf("created before want: start %s step %s", start, step)
	}
	// No creation time known: as asked.
	start, step = historyStart(created(time.Time{}), want, 40*time.Second)
	if !start.Equal(want) || step != 40*time.Second {
		t.Errorf("no creationTimestamp: start %s step %s", start, step)
	}
}

// The demo namespace's Pipeline and Tasks pass the Tekton webhook with OpenShift
// Pipelines' feature flags (the seed is written through the dev cluster's admission).
func TestSeededTektonObjectsPassAdmission(t *testing.T) {
	objects := append([]*unstructured.Unstructured{pipeline("ns")}, tasks("ns")...)
	for _, o := range objects {
		if errs := admission.Validate(o.GetKind(), o.Object, admission.DefaultFeatureFlags); len(errs) > 0 {
			t.Errorf("%s %s: %s", o.GetKind(), o.GetName(), admission.Errors(errs))
		}
	}
}

func TestEveryDemoNamespaceAllowsItsTeams(t *testing.T) {
	for _, m := range Models {
		owners := NamespaceOwners[m.Namespace]
		if !strings.Contains(owners, "group:default/") {
			t.Errorf("namespace %s of %s allows no team: %q", m.Namespace, m.Name, owners)
		}
	}
	if !strings.Contains(NamespaceOwners["mlops-demo"], "group:default/data-science-team") ||
		strings.Contains(NamespaceOwners["mlops-demo"], "retention-team") {
		t.Errorf("mlops-demo must allow data-science-team and not retention-team: %q", NamespaceOwners["mlops-demo"])
	}
	if !strings.Contains(NamespaceOwners["mlops-demo-team-b"], "group:default/retention-team") ||
		strings.Contains(NamespaceOwners["mlops-demo-team-b"], "data-science-team") {
		t.Errorf("mlops-demo-team-b must allow retention-team and not data-science-team: %q", NamespaceOwners["mlops-demo-team-b"])
	}
}
