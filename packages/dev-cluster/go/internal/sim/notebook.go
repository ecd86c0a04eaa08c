package sim

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// StoppedAnnotation stops a workbench when present (the dashboard and culler set it).
const StoppedAnnotation = "kubeflow-resource-stopped"

// AdvanceNotebook plays the notebook controller for a workbench: without the
// kubeflow-resource-stopped annotation it goes Waiting (ContainerCreating) →
// Running with readyReplicas 1; with it, the pod is gone: readyReplicas 0,
// no container state and no conditions.
func AdvanceNotebook(nb *unstructured.Unstructured, env Env) (map[string]interface{}, bool) {
	st := status(nb)
	_, stopped := nb.GetAnnotations()[StoppedAnnotation]
	ready, _, _ := unstructured.NestedInt64(st, "readyReplicas")
	cs, _ := st["containerState"].(map[string]interface{})
	ts := env.ts()
	if stopped {
		conds, _ := st["conditions"].([]interface{})
		if _, hasReady := st["readyReplicas"]; hasReady && ready == 0 && len(cs) == 0 && len(conds) == 0 {
			return st, false
		}
		return map[string]interface{}{"readyReplicas": int64(0), "containerState": map[string]interface{}{}, "conditions": []interface{}{}}, true
	}
	if _, running := cs["running"]; running && ready == 1 {
		return st, false
	}
	if _, waiting := cs["waiting"]; waiting {
		return map[string]interface{}{
			"readyReplicas":  int64(1),
			"containerState": map[string]interface{}{"running": map[string]interface{}{"startedAt": ts}},
			"conditions": []interface{}{map[string]interface{}{
				"type": "Running", "status": "True", "lastProbeTime": ts, "lastTransitionTime": ts,
			}},
		}, true
	}
	return map[string]interface{}{
		"readyReplicas":  int64(0),
		"containerState": map[string]interface{}{"waiting": map[string]interface{}{"reason": "ContainerCreating"}},
		"conditions": []interface{}{map[string]interface{}{
			"type": "Waiting", "status": "True", "reason": "ContainerCreating", "lastProbeTime": ts, "lastTransitionTime": ts,
		}},
	}, true
}
