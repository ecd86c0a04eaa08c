package kube

import (
	"path/filepath"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The shipped manifests decode and every CRD has a structural schema root,
// a status subresource and printer columns (except the Prometheus Operator's two,
// which upstream ships with neither: prometheus-operator
// example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml).
func TestManifestsDecode(t *testing.T) {
	root := filepath.Join("..", "..", "..", "manifests")
	crds, err := ReadManifests(filepath.Join(root, "crds"))
	if err != nil {
		t.Fatal(err)
	}
	if len(crds) != 17 {
		t.Errorf("%d CRDs, want 17", len(crds))
	}
	statusless := map[string]bool{
		"prometheusrules.monitoring.coreos.com":     true,
		"alertmanagerconfigs.monitoring.coreos.com": true,
	}
	for _, c := range crds {
		versions, _, _ := unstructured.NestedSlice(c.Object, "spec", "versions")
		for _, v := range versions {
			m := v.(map[string]interface{})
			if typ, _, _ := unstructured.NestedString(m, "schema", "openAPIV3Schema", "type"); typ != "object" {
				t.Errorf("%s: schema root type %q", c.GetName(), typ)
			}
			if statusless[c.GetName()] {
				continue
			}
			if _, ok, _ := unstructured.NestedMap(m, "subresources", "status"); !ok {
				t.Errorf("%s: no status subresource", c.GetName())
			}
			if cols, _, _ := unstructured.NestedSlice(m, "additionalPrinterColumns"); len(cols) == 0 {
				t.Errorf("%s: no printer columns", c.GetName())
			}
		}
	}
	for _, dir := range []string{"rbac", "policies", "tekton", "storage", "examples"} {
		if _, err := ReadManifests(filepath.Join(root, dir)); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
	}
}
