package sim

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// PodGVR is core/v1 pods.
var PodGVR = schema.GroupVersionResource{Version: "v1", Resource: "pods"}

// NodeName is the (nonexistent) node simulated pods are bound to, so no
// scheduler is needed and `kubectl get pods` shows a node.
const NodeName = "devcluster-sim-node"

// TaskRunPod returns the pod a TaskRun runs in (<taskrun>-pod, one container
// per step named step-<name>) and its status derived from the TaskRun's
// steps, or nil before the TaskRun has a pod. No kubelet runs it: the pod
// object exists so that `kubectl logs` and pod listings behave as on a real
// cluster; its logs come from the shim's log store.
func TaskRunPod(tr *unstructured.Unstructured) *unstructured.Unstructured {
	st := status(tr)
	podName := str(st, "podName")
	steps, _ := st["steps"].([]interface{})
	if podName == "" || len(steps) == 0 {
		return nil
	}
	labels := map[string]interface{}{"tekton.dev/taskRun": tr.GetName(), "app.kubernetes.io/managed-by": "tekton-pipelines"}
	for _, k := range []string{"tekton.dev/pipelineRun", "tekton.dev/pipelineTask", "tekton.dev/pipeline", "tekton.dev/task", "tekton.dev/memberOf", "model-name"} {
		if v, ok := tr.GetLabels()[k]; ok {
			labels[k] = v
		}
	}
	var containers []interface{}
	var statuses []interface{}
	for _, s := range steps {
		m, _ := s.(map[string]interface{})
		name, _ := m["container"].(string)
		image, _ := m["imageID"].(string)
		if image == "" {
			image = "registry.access.redhat.com/ubi9/ubi-minimal:latest"
		}
		containers = append(containers, map[string]interface{}{"name": name, "image": image})
		statuses = append(statuses, containerStatus(name, image, m))
	}
	sa, _, _ := unstructured.NestedString(tr.Object, "spec", "serviceAccountName")
	pod := newPod(tr.GetNamespace(), podName, labels, owner(tr, "tekton.dev/v1", "TaskRun"), sa, nil, containers)
	pod.Object["status"] = podStatus(tr, st, statuses, nil)
	return pod
}

// NVJPod returns the validation pod of a NotebookValidationJob
// (<job>-validation: init container git-clone, container validator).
func NVJPod(nvj *unstructured.Unstructured) *unstructured.Unstructured {
	st := status(nvj)
	podName := str(st, "validationPodName")
	if podName == "" {
		return nil
	}
	image, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "containerImage")
	if ref := str(st, "buildStatus", "imageReference"); ref != "" {
		image = ref
	}
	labels := map[string]interface{}{
		"app": "jupyter-notebook-validator", "notebookvalidationjob": nvj.GetName(),
		"app.kubernetes.io/component": "validation-pod", "app.kubernetes.io/managed-by": "jupyter-notebook-validator-operator",
	}
	sa, _, _ := unstructured.NestedString(nvj.Object, "spec", "podConfig", "serviceAccountName")
	phase := str(st, "phase")
	start := str(st, "startTime")
	end := str(st, "completionTime")
	// The pod of the last attempt: it succeeded when the job has results (a
	// golden-notebook mismatch fails the job, not the pod), failed when the job
	// failed without them.
	_, hasResults := st["results"]
	podPhase := "Running"
	validator := map[string]interface{}{"running": map[string]interface{}{"startedAt": start}}
	switch {
	case NVJTerminal(phase) && hasResults:
		podPhase = "Succeeded"
		validator = map[string]interface{}{"terminated": map[string]interface{}{"exitCode": int64(0), "reason": "Completed", "startedAt": start, "finishedAt": end}}
	case phase == "Failed":
		podPhase = "Failed"
		validator = map[string]interface{}{"terminated": map[string]interface{}{"exitCode": int64(1), "reason": "Error", "startedAt": start, "finishedAt": end}}
	}
	gitClone := map[string]interface{}{"terminated": map[string]interface{}{"exitCode": int64(0), "reason": "Completed", "startedAt": start, "finishedAt": start}}
	pod := newPod(nvj.GetNamespace(), podName, labels, owner(nvj, "mlops.mlops.dev/v1alpha1", "NotebookValidationJob"), sa,
		[]interface{}{map[string]interface{}{"name": "git-clone", "image": "registry.access.redhat.com/ubi9/ubi-minimal:latest"}},
		[]interface{}{map[string]interface{}{"name": "validator", "image": image}})
	pod.Object["status"] = map[string]interface{}{
		"phase": podPhase, "startTime": start, "hostIP": "127.0.0.1", "podIP": "10.128.0.10",
		"initContainerStatuses": []interface{}{cs("git-clone", "registry.access.redhat.com/ubi9/ubi-minimal:latest", gitClone)},
		"containerStatuses":     []interface{}{cs("validator", image, validator)},
	}
	return pod
}

func newPod(ns, name string, labels map[string]interface{}, own map[string]interface{}, sa string, initContainers, containers []interface{}) *unstructured.Unstructured {
	if sa == "" {
		sa = "default"
	}
	spec := map[string]interface{}{
		"restartPolicy": "Never", "nodeName": NodeName, "serviceAccountName": sa,
		"automountServiceAccountToken": false, "containers": containers,
	}
	if len(initContainers) > 0 {
		spec["initContainers"] = initContainers
	}
	return &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "v1", "kind": "Pod",
		"metadata": map[string]interface{}{"name": name, "namespace": ns, "labels": labels, "ownerReferences": []interface{}{own}},
		"spec":     spec,
	}}
}

func owner(u *unstructured.Unstructured, apiVersion, kind string) map[string]interface{} {
	return map[string]interface{}{"apiVersion": apiVersion, "kind": kind, "name": u.GetName(), "uid": string(u.GetUID()), "controller": true, "blockOwnerDeletion": true}
}

func containerStatus(name, image string, step map[string]interface{}) map[string]interface{} {
	state := map[string]interface{}{}
	for _, k := range []string{"running", "terminated", "waiting"} {
		if v, ok := step[k]; ok {
			state[k] = v
		}
	}
	return cs(name, image, state)
}

func cs(name, image string, state map[string]interface{}) map[string]interface{} {
	_, running := state["running"]
	return map[string]interface{}{"name": name, "image": image, "imageID": image, "ready": running, "restartCount": int64(0), "started": running, "state": state}
}

func podStatus(tr *unstructured.Unstructured, st map[string]interface{}, statuses []interface{}, _ []interface{}) map[string]interface{} {
	phase := "Pending"
	s, _, ok := succeededCondition(st)
	switch {
	case ok && s == "True":
		phase = "Succeeded"
	case ok && s == "False":
		phase = "Failed"
	default:
		for _, c := range statuses {
			if _, running := c.(map[string]interface{})["state"].(map[string]interface{})["running"]; running {
				phase = "Running"
			}
		}
	}
	out := map[string]interface{}{"phase": phase, "hostIP": "127.0.0.1", "podIP": "10.128.0.11", "containerStatuses": statuses}
	if t := str(st, "startTime"); t != "" {
		out["startTime"] = t
	}
	return out
}

// PodPhase is the phase of a pod object (for change detection).
func PodPhase(pod *unstructured.Unstructured) string { return str(status(pod), "phase") }
