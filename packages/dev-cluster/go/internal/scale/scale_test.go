package scale

import (
	"testing"
	"time"
)

func TestGeneratedNamesAreUnique(t *testing.T) {
	o := Defaults()
	o.Now = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	g := gen{o: o}
	seen := map[string]bool{}
	check := func(kind string, n int, name func(int) (string, string)) {
		for i := 0; i < n; i++ {
			ns, nm := name(i)
			k := kind + "/" + ns + "/" + nm
			if seen[k] {
				t.Fatalf("duplicate %s", k)
			}
			seen[k] = true
		}
	}
	check("pr", o.PipelineRuns, func(i int) (string, string) { u := g.pipelineRun(i); return u.GetNamespace(), u.GetName() })
	check("nvj", o.NVJs, func(i int) (string, string) { u := g.nvj(i); return u.GetNamespace(), u.GetName() })
	check("build", o.Builds, func(i int) (string, string) { u := g.build(i); return u.GetNamespace(), u.GetName() })
	check("isvc", o.ISVCs, func(i int) (string, string) { u := g.isvc(i); return u.GetNamespace(), u.GetName() })
	if len(seen) != o.PipelineRuns+o.NVJs+o.Builds+o.ISVCs {
		t.Fatal("count mismatch")
	}
	// Every build belongs to a generated BuildConfig.
	bcs := map[string]bool{}
	for i := 0; i < o.ISVCs; i++ {
		u := g.buildConfig(i)
		bcs[u.GetNamespace()+"/"+u.GetName()] = true
	}
	for i := 0; i < o.Builds; i++ {
		u := g.build(i)
		if !bcs[u.GetNamespace()+"/"+u.GetLabels()["openshift.io/build-config.name"]] {
			t.Fatalf("build %s has no BuildConfig", u.GetName())
		}
	}
}
