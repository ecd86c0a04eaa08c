package cluster

import (
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// ParseGroups splits a comma-separated list of API groups (`--skip-crds
// tekton.dev,serving.kserve.io`), dropping blanks.
func ParseGroups(list string) []string {
	var groups []string
	for _, g := range strings.Split(list, ",") {
		if g = strings.TrimSpace(g); g != "" {
			groups = append(groups, g)
		}
	}
	return groups
}

// FilterCRDs drops the CustomResourceDefinitions whose spec.group is one of
// skipGroups (exact match: `tekton.dev` does not skip `triggers.tekton.dev`).
func FilterCRDs(crds []*unstructured.Unstructured, skipGroups []string) []*unstructured.Unstructured {
	if len(skipGroups) == 0 {
		return crds
	}
	skip := map[string]bool{}
	for _, g := range skipGroups {
		skip[g] = true
	}
	kept := make([]*unstructured.Unstructured, 0, len(crds))
	for _, c := range crds {
		group, _, _ := unstructured.NestedString(c.Object, "spec", "group")
		if !skip[group] {
			kept = append(kept, c)
		}
	}
	return kept
}
