package shim

import (
	"fmt"
	"strconv"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
)

// BuildRequest is the subset of build.openshift.io/v1 BuildRequest we honour.
type BuildRequest struct {
	Kind        string                   `json:"kind,omitempty"`
	APIVersion  string                   `json:"apiVersion,omitempty"`
	Metadata    map[string]interface{}   `json:"metadata,omitempty"`
	Revision    map[string]interface{}   `json:"revision,omitempty"`
	TriggeredBy []map[string]interface{} `json:"triggeredBy,omitempty"`
	Env         []map[string]interface{} `json:"env,omitempty"`
}

// Build label and annotation keys (openshift/api build/v1/consts.go).
const (
	LabelBuildConfig       = "openshift.io/build-config.name"
	LabelBuildConfigLegacy = "buildconfig"
	LabelStartPolicy       = "openshift.io/build.start-policy"
	AnnBuildNumber         = "openshift.io/build.number"
	AnnBuildPodName        = "openshift.io/build.pod-name"
)

// NewBuild makes build number n of a BuildConfig, as the OpenShift build
// controller's instantiate does: name <bc>-<n>, the BC's source, strategy and
// output, the build labels/annotations and an owner reference to the BC.
// Status is set to phase New (written through the status subresource).
func NewBuild(bc *unstructured.Unstructured, n int64, req *BuildRequest) *unstructured.Unstructured {
	bcName := bc.GetName()
	name := fmt.Sprintf("%s-%d", bcName, n)
	spec := map[string]interface{}{}
	bcSpec, _, _ := unstructured.NestedMap(bc.Object, "spec")
	for _, k := range []string{"serviceAccount", "source", "revision", "strategy", "output", "resources", "postCommit", "completionDeadlineSeconds", "nodeSelector"} {
		if v, ok := bcSpec[k]; ok && v != nil {
			spec[k] = v
		}
	}
	triggered := []interface{}{map[string]interface{}{"message": "Manually triggered"}}
	if req != nil {
		if len(req.TriggeredBy) > 0 {
			triggered = nil
			for _, t := range req.TriggeredBy {
				triggered = append(triggered, t)
			}
		}
		if req.Revision != nil {
			spec["revision"] = req.Revision
		}
		if len(req.Env) > 0 {
			addEnv(spec, req.Env)
		}
	}
	spec["triggeredBy"] = triggered
	runPolicy, _, _ := unstructured.NestedString(bcSpec, "runPolicy")
	if runPolicy == "" {
		runPolicy = "Serial"
	}
	labels := map[string]interface{}{
		LabelBuildConfig: bcName, LabelBuildConfigLegacy: bcName, LabelStartPolicy: runPolicy,
	}
	for k, v := range bc.GetLabels() {
		if _, set := labels[k]; !set {
			labels[k] = v
		}
	}
	annotations := map[string]interface{}{
		LabelBuildConfig: bcName,
		AnnBuildNumber:   strconv.FormatInt(n, 10),
		AnnBuildPodName:  name + "-build",
	}
	// The simulator's outcome rule (and its simulate mark) set on a BuildConfig
	// applies to its builds.
	for _, k := range []string{kube.AnnOutcome, kube.AnnSimulate} {
		if v, ok := bc.GetAnnotations()[k]; ok {
			annotations[k] = v
		}
	}
	yes := true
	owner := map[string]interface{}{
		"apiVersion": bc.GetAPIVersion(), "kind": bc.GetKind(), "name": bcName, "uid": string(bc.GetUID()), "controller": yes,
	}
	return &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "build.openshift.io/v1",
		"kind":       "Build",
		"metadata": map[string]interface{}{
			"name": name, "namespace": bc.GetNamespace(),
			"labels": labels, "annotations": annotations,
			"ownerReferences": []interface{}{owner},
		},
		"spec": spec,
		"status": map[string]interface{}{
			"phase":  "New",
			"config": map[string]interface{}{"kind": "BuildConfig", "namespace": bc.GetNamespace(), "name": bcName},
		},
	}}
}

// addEnv appends request env vars to the strategy's env list.
func addEnv(spec map[string]interface{}, env []map[string]interface{}) {
	strategy, _ := spec["strategy"].(map[string]interface{})
	if strategy == nil {
		return
	}
	for _, key := range []string{"sourceStrategy", "dockerStrategy", "customStrategy"} {
		st, ok := strategy[key].(map[string]interface{})
		if !ok {
			continue
		}
		list, _ := st["env"].([]interface{})
		for _, e := range env {
			list = append(list, e)
		}
		st["env"] = list
		return
	}
}
