package sim

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// StoppedAnnotation stops a workbench when present (the dashboard and culler set it).
const StoppedAnnotation = "kubeflow-resource-stopped"

// podCondition is a condition of the workbench pod as the notebook controller
// mirrors it onto the Notebook (PodCondToNotebookCond): both times set.
func podCondition(typ string, ok bool, reason, message, ts string) map[string]interface{} {
	c := map[string]interface{}{"type": typ, "status": "False", "lastProbeTime": ts, "lastTransitionTime": ts}
	if ok {
		c["status"] = "True"
	}
	if reason != "" {
		c["reason"] = reason
	}
	if message != "" {
		c["message"] = message
	}
	return c
}

// workbenchPodConditions are the conditions of the workbench pod in the order the
// kubelet writes them (kubernetes: pkg/kubelet/kubelet_pods.go
// generateAPIPodStatus; the not-ready reason and message from
// pkg/kubelet/status/generate.go): scheduled, then the kubelet's own.
func workbenchPodConditions(container string, ready bool, ts string) []interface{} {
	if ready {
		return []interface{}{
			podCondition("PodScheduled", true, "", "", ts),
			podCondition("PodReadyToStartContainers", true, "", "", ts),
			podCondition("Initialized", true, "", "", ts),
			podCondition("Ready", true, "", "", ts),
			podCondition("ContainersReady", true, "", "", ts),
		}
	}
	unready := "containers with unready status: [" + container + "]"
	return []interface{}{
		podCondition("PodScheduled", true, "", "", ts),
		podCondition("PodReadyToStartContainers", false, "", "", ts),
		podCondition("Initialized", true, "", "", ts),
		podCondition("Ready", false, "ContainersNotReady", unready, ts),
		podCondition("ContainersReady", false, "ContainersNotReady", unready, ts),
	}
}

// AdvanceNotebook plays the notebook controller for a workbench (kubeflow/notebooks
// and opendatahub-io/kubeflow: components/notebook-controller/controllers/
// notebook_controller.go, createNotebookStatus), which rebuilds the status on every
// reconcile from the StatefulSet's readyReplicas, the state of the container named
// like the Notebook and the pod's conditions. Without the kubeflow-resource-stopped
// annotation the pod's container goes Waiting (ContainerCreating) → Running with
// readyReplicas 1; with it the StatefulSet scales to 0 and, the pod gone, the
// status is readyReplicas 0, no container state and no conditions.
func AdvanceNotebook(nb *unstructured.Unstructured, env Env) (map[string]interface{}, bool) {
	st := status(nb)
	_, stopped := nb.GetAnnotations()[StoppedAnnotation]
	ready, _, _ := unstructured.NestedInt64(st, "readyReplicas")
	cs, _ := st["containerState"].(map[string]interface{})
	conds, _ := st["conditions"].([]interface{})
	ts := env.ts()
	if stopped {
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
			"conditions":     workbenchPodConditions(nb.GetName(), true, ts),
		}, true
	}
	return map[string]interface{}{
		"readyReplicas":  int64(0),
		"containerState": map[string]interface{}{"waiting": map[string]interface{}{"reason": "ContainerCreating"}},
		"conditions":     workbenchPodConditions(nb.GetName(), false, ts),
	}, true
}
