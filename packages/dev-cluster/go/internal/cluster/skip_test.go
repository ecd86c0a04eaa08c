package cluster

import (
	"path/filepath"
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

func TestParseGroups(t *testing.T) {
	got := ParseGroups(" tekton.dev, ,serving.kserve.io,")
	if want := []string{"tekton.dev", "serving.kserve.io"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ParseGroups = %v, want %v", got, want)
	}
	if got := ParseGroups(""); got != nil {
		t.Errorf("ParseGroups(\"\") = %v, want nil", got)
	}
}

// Skipping tekton.dev leaves out exactly its four CRDs, and not triggers.tekton.dev.
func TestFilterCRDs(t *testing.T) {
	crds, err := kube.ReadManifests(filepath.Join("..", "..", "..", "manifests", "crds"))
	if err != nil {
		t.Fatal(err)
	}
	if got := FilterCRDs(crds, nil); len(got) != len(crds) {
		t.Errorf("no skip: %d CRDs, want %d", len(got), len(crds))
	}
	kept := FilterCRDs(crds, []string{"tekton.dev", "serving.kserve.io"})
	groups := map[string]int{}
	for _, c := range kept {
		g, _, _ := unstructured.NestedString(c.Object, "spec", "group")
		groups[g]++
	}
	if groups["tekton.dev"] != 0 || groups["serving.kserve.io"] != 0 {
		t.Errorf("skipped groups still present: %v", groups)
	}
	if groups["triggers.tekton.dev"] != 3 {
		t.Errorf("triggers.tekton.dev CRDs = %d, want 3 (exact group match)", groups["triggers.tekton.dev"])
	}
	if len(kept) != len(crds)-4-2 {
		t.Errorf("%d CRDs kept, want %d", len(kept), len(crds)-6)
	}
}

func TestValidComponent(t *testing.T) {
	for name, want := range map[string]bool{"apiserver": true, "shim": true, "etcd": false, "": false} {
		if ValidComponent(name) != want {
			t.Errorf("ValidComponent(%q) = %v", name, !want)
		}
	}
}
