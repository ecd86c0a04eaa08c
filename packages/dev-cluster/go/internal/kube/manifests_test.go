package kube

import (
	"path/filepath"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The shipped manifests decode and every CRD has a structural schema root,
// a status subresource and printer columns.
func TestManifestsDecode(t *testing.T) {
	root := filepath.Join("..", "..", "..", "manifests")
	crds, err := ReadManifests(filepath.Join(root, "crds"))
	if err != nil {
		t.Fatal(err)
	}
	if len(crds) != 14 {
		t.Errorf("%d CRDs, want 14", len(crds))
	}
	for _, c := range crds {
		versions, _, _ := unstructured.NestedSlice(c.Object, "spec", "versions")
		for _, v := range versions {
			m := v.(map[string]interface{})
			if _, ok, _ := unstructured.NestedMap(m, "subresources", "status"); !ok {
				t.Errorf("%s: no status subresource", c.GetName())
			}
			if cols, _, _ := unstructured.NestedSlice(m, "additionalPrinterColumns"); len(cols) == 0 {
				t.Errorf("%s: no printer columns", c.GetName())
			}
			if typ, _, _ := unstructured.NestedString(m, "schema", "openAPIV3Schema", "type"); typ != "object" {
				t.Errorf("%s: schema root type %q", c.GetName(), typ)
			}
		}
	}
	for _, dir := range []string{"rbac", "policies", "examples"} {
		if _, err := ReadManifests(filepath.Join(root, dir)); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
	}
}
