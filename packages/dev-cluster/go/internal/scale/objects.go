package scale

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/sim"
)

type obj = map[string]interface{}
type list = []interface{}

type gen struct{ o Options }

// placement spreads object i over namespaces and models deterministically.
func (g gen) placement(i int) (ns string, model string, h uint64) {
	nsIdx := i % g.o.Namespaces
	perNS := g.o.ISVCs / g.o.Namespaces
	if perNS < 1 {
		perNS = 1
	}
	m := (i / g.o.Namespaces) % perNS
	return NamespaceName(nsIdx), fmt.Sprintf("model-%03d", m), sim.Hash(g.o.Seed, fmt.Sprint(i))
}

func (g gen) ago(h uint64) time.Time {
	return g.o.Now.Add(-time.Duration(h%(90*24*3600)) * time.Second).Truncate(time.Second)
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func meta(kind, apiVersion, ns, name, model string, extra obj) *unstructured.Unstructured {
	labels := obj{"model-name": model, "app.kubernetes.io/part-of": "mlops-scale", kube.LabelSkip: "true"}
	for k, v := range extra {
		labels[k] = v
	}
	return &unstructured.Unstructured{Object: obj{
		"apiVersion": apiVersion, "kind": kind,
		"metadata": obj{"name": name, "namespace": ns, "labels": labels},
	}}
}

func (g gen) pipelineRun(i int) *unstructured.Unstructured {
	ns, model, h := g.placement(i)
	trigger := []string{"cronjob", "drift-alert", "user"}[h%3]
	name := fmt.Sprintf("train-%s-%05d", model, i)
	u := meta("PipelineRun", "tekton.dev/v1", ns, name, model, obj{"triggered-by": trigger, "tekton.dev/pipeline": "model-training-pipeline"})
	start := g.ago(h)
	u.Object["spec"] = obj{
		"pipelineRef": obj{"name": "model-training-pipeline"},
		"params":      list{obj{"name": "model-name", "value": model}, obj{"name": "data-source", "value": "prometheus"}, obj{"name": "health-check-enabled", "value": "true"}},
		"workspaces":  list{obj{"name": "model-storage", "persistentVolumeClaim": obj{"claimName": "model-storage-pvc"}}},
		"timeouts":    obj{"pipeline": "1h0m0s"},
	}
	var refs, tasks list
	prev := ""
	for _, t := range []string{"train-model", "health-check", "deploy-model", "post-deployment-check"} {
		refs = append(refs, obj{"apiVersion": "tekton.dev/v1", "kind": "TaskRun", "name": name + "-" + t, "pipelineTaskName": t})
		task := obj{"name": t, "taskRef": obj{"kind": "Task", "name": t}}
		if prev != "" {
			task["runAfter"] = list{prev}
		}
		tasks, prev = append(tasks, task), t
	}
	// Tekton copies the resolved Pipeline into status.pipelineSpec
	// (tektoncd/pipeline pkg/apis/pipeline/v1/pipelinerun_types.go).
	st := obj{"startTime": ts(start), "childReferences": refs, "pipelineSpec": obj{"tasks": tasks}}
	end := start.Add(time.Duration(300+h%1500) * time.Second)
	switch r := h % 100; {
	case r < 2:
		st["conditions"] = list{obj{"type": "Succeeded", "status": "Unknown", "reason": "Running", "message": "Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0", "lastTransitionTime": ts(start)}}
	case r < 12:
		st["completionTime"] = ts(end)
		st["conditions"] = list{obj{"type": "Succeeded", "status": "False", "reason": "Failed", "message": "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 2", "lastTransitionTime": ts(end)}}
	case r < 14:
		st["completionTime"] = ts(end)
		st["conditions"] = list{obj{"type": "Succeeded", "status": "False", "reason": "Cancelled", "message": fmt.Sprintf("PipelineRun %q was cancelled", name), "lastTransitionTime": ts(end)}}
	default:
		st["completionTime"] = ts(end)
		st["conditions"] = list{obj{"type": "Succeeded", "status": "True", "reason": "Succeeded", "message": "Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 0", "lastTransitionTime": ts(end)}}
		// The model metrics of the plugins' convention: the Pipeline's result `metrics`.
		acc := 0.8 + float64(h%150)/1000
		st["results"] = list{obj{"name": "metrics", "value": fmt.Sprintf(`{"accuracy":%.3f,"f1":%.3f,"roc_auc":%.3f}`, acc, acc-0.03, acc+0.04)}}
	}
	u.Object["status"] = st
	return u
}

func (g gen) nvj(i int) *unstructured.Unstructured {
	ns, model, h := g.placement(i)
	start := g.ago(h)
	u := meta("NotebookValidationJob", "mlops.mlops.dev/v1alpha1", ns, fmt.Sprintf("train-%s-%d-%05d", model, start.Unix(), i), model, nil)
	u.Object["spec"] = obj{
		"notebook":  obj{"git": obj{"url": "https://github.com/backstage-mlops/demo-models.git", "ref": "main"}, "path": "notebooks/" + model + "/train.ipynb"},
		"podConfig": obj{"containerImage": "image-registry.openshift-image-registry.svc:5000/" + ns + "/notebook-validator:latest"},
	}
	outcome := ""
	switch h % 10 {
	case 0:
		outcome = sim.NVJFail
	case 1:
		outcome = sim.NVJDependency
	}
	s := sim.NotebookSummary(g.o.Seed, ns, u.GetName(), "notebooks/"+model+"/train.ipynb", outcome)
	end := start.Add(time.Duration(60+h%600) * time.Second)
	// The operator's shapes (see sim.AdvanceNVJ): Ready stays False/Initializing; a
	// failed pod leaves no per-cell results, three retries and one message.
	st := obj{
		"phase": "Succeeded", "startTime": ts(start), "completionTime": ts(end), "message": s.Message(),
		"validationPodName": u.GetName() + "-validation", "results": s.CellResults(),
	}
	complete := obj{"type": "ValidationComplete", "status": "True", "reason": "ValidationComplete", "message": s.Message(), "lastTransitionTime": ts(end)}
	if s.Status == "failed" {
		msg := fmt.Sprintf("Validation failed after %d retries: Validation pod failed: Unknown - . Log error: %s. Suggested action: Container failed with exit code 1. Check logs for details.",
			sim.MaxRetries, sim.ExtractErrorFromLogs(s.Log(end)))
		delete(st, "results")
		st["phase"], st["message"], st["retryCount"], st["lastRetryTime"] = "Failed", msg, int64(sim.MaxRetries), ts(end)
		complete = obj{"type": "ValidationComplete", "status": "False", "reason": "PodFailed", "message": msg, "lastTransitionTime": ts(end)}
	}
	st["conditions"] = list{
		obj{"type": "Ready", "status": "False", "reason": "Initializing", "message": "NotebookValidationJob is initializing", "lastTransitionTime": ts(start)},
		complete,
	}
	u.Object["status"] = st
	return u
}

func (g gen) buildConfig(i int) *unstructured.Unstructured {
	ns, model, _ := g.placement(i)
	u := meta("BuildConfig", "build.openshift.io/v1", ns, model+"-notebook", model, nil)
	u.Object["spec"] = obj{
		"runPolicy": "Serial",
		"source":    obj{"type": "Git", "git": obj{"uri": "https://github.com/backstage-mlops/demo-models.git", "ref": "main"}},
		"strategy":  obj{"type": "Docker", "dockerStrategy": obj{"dockerfilePath": "Dockerfile"}},
		"output":    obj{"to": obj{"kind": "ImageStreamTag", "name": model + "-notebook:latest"}},
	}
	return u
}

func (g gen) build(i int) *unstructured.Unstructured {
	ns, model, h := g.placement(i)
	bc := model + "-notebook"
	n := i/(g.o.Namespaces*max(1, g.o.ISVCs/g.o.Namespaces)) + 1
	name := fmt.Sprintf("%s-%d", bc, n)
	u := meta("Build", "build.openshift.io/v1", ns, name, model, obj{"openshift.io/build-config.name": bc, "buildconfig": bc})
	u.SetAnnotations(map[string]string{"openshift.io/build-config.name": bc, "openshift.io/build.number": fmt.Sprint(n)})
	u.Object["spec"] = obj{
		"source":   obj{"type": "Git", "git": obj{"uri": "https://github.com/backstage-mlops/demo-models.git", "ref": "main"}},
		"strategy": obj{"type": "Docker", "dockerStrategy": obj{"dockerfilePath": "Dockerfile"}},
		"output":   obj{"to": obj{"kind": "ImageStreamTag", "name": bc + ":latest"}},
	}
	start := g.ago(h)
	d := time.Duration(120+h%600) * time.Second
	st := obj{
		"phase": "Complete", "startTimestamp": ts(start), "completionTimestamp": ts(start.Add(d)), "duration": d.Nanoseconds(),
		"config":                     obj{"kind": "BuildConfig", "namespace": ns, "name": bc},
		"outputDockerImageReference": fmt.Sprintf("image-registry.openshift-image-registry.svc:5000/%s/%s:latest", ns, bc),
	}
	if h%8 == 0 {
		st["phase"], st["reason"], st["message"] = "Failed", "DockerBuildFailed", "Docker build strategy has failed."
		delete(st, "outputDockerImageReference")
	}
	u.Object["status"] = st
	return u
}

func (g gen) isvc(i int) *unstructured.Unstructured {
	ns, model, h := g.placement(i)
	u := meta("InferenceService", "serving.kserve.io/v1beta1", ns, model, model, nil)
	u.SetAnnotations(map[string]string{"serving.kserve.io/deploymentMode": "RawDeployment"})
	u.Object["spec"] = obj{"predictor": obj{"model": obj{"modelFormat": obj{"name": "sklearn"}, "storageUri": "pvc://model-storage-pvc/" + model}}}
	t := ts(g.ago(h))
	ready := h%20 != 0
	st := obj{"observedGeneration": int64(1), "deploymentMode": "RawDeployment"}
	if ready {
		st["url"] = sim.ISVCURL(model, ns)
		st["address"] = obj{"url": fmt.Sprintf("http://%s-predictor.%s.svc.cluster.local", model, ns)}
		st["modelStatus"] = obj{"transitionStatus": "UpToDate", "states": obj{"activeModelState": "Loaded", "targetModelState": "Loaded"}}
		st["conditions"] = list{
			obj{"type": "IngressReady", "status": "True", "lastTransitionTime": t},
			obj{"type": "PredictorReady", "status": "True", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability.", "lastTransitionTime": t},
			obj{"type": "Ready", "status": "True", "lastTransitionTime": t},
		}
	} else {
		// As KServe writes a failed first load (see sim.AdvanceISVC).
		st["modelStatus"] = obj{"transitionStatus": "BlockedByFailedLoad", "states": obj{"activeModelState": "", "targetModelState": "FailedToLoad"},
			"lastFailureInfo": obj{"reason": "ModelLoadFailed", "exitCode": int64(1)}}
		st["conditions"] = list{
			obj{"type": "IngressReady", "status": "False", "reason": "Predictor ingress not created", "lastTransitionTime": t},
			obj{"type": "PredictorReady", "status": "False", "reason": "MinimumReplicasUnavailable", "message": "Deployment does not have minimum availability.", "lastTransitionTime": t},
			obj{"type": "Ready", "status": "False", "reason": "Predictor ingress not created", "lastTransitionTime": t},
		}
	}
	u.Object["status"] = st
	return u
}
