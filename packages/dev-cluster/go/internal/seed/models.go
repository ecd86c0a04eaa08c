package seed

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/backstage-mlops/dev-cluster/internal/kube"
	"github.com/backstage-mlops/dev-cluster/internal/sim"
)

// Model is one demo model and how its history looks.
type Model struct {
	Namespace, Name, Notebook string
	Runs                      int  // PipelineRuns of history
	LastRunFails              bool // the most recent training failed
	// LastRunShowsTektonSemantics: the newest run skips the health check and
	// ignores a failed model card; the one before retried its rollout.
	LastRunShowsTektonSemantics bool
	RunFailEvery                int    // also fail every n-th older run (0: never)
	ISVCFails                   bool   // InferenceService FailedToLoad / ModelLoadFailed
	NVJOutcome                  string // outcome of the latest validation job
	Builds                      int    // builds of the model's notebook image
	LastBuildFails              bool   // the latest build failed
	WorkbenchRunning            bool
}

// AllowedOwnersAnnotation is the Namespace annotation that names the owners whose
// catalog entities may use the namespace through the portal (mlops-common's
// MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS).
const AllowedOwnersAnnotation = "mlops.backstage.io/allowed-owners"

// NamespaceOwners are the owners each demo namespace allows (examples/org.yaml):
// data-science-team's models live in mlops-demo, retention-team's churn-predictor in
// mlops-demo-team-b, and ml-platform-team owns both namespaces' training pipelines.
var NamespaceOwners = map[string]string{
	"mlops-demo":        "group:default/data-science-team, group:default/ml-platform-team",
	"mlops-demo-team-b": "group:default/retention-team, group:default/ml-platform-team",
}

// GitURL is the demo models' repository.
const GitURL = "https://github.com/backstage-mlops/demo-models.git"

// Models are the seeded models.
var Models = []Model{
	{Namespace: "mlops-demo", Name: "anomaly-detector", Notebook: "notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb",
		Runs: 16, RunFailEvery: 7, NVJOutcome: "", Builds: 4, WorkbenchRunning: true, LastRunShowsTektonSemantics: true},
	{Namespace: "mlops-demo", Name: "predictive-analytics", Notebook: "notebooks/02-anomaly-detection/05-predictive-analytics-kserve.ipynb",
		Runs: 12, LastRunFails: true, RunFailEvery: 5, ISVCFails: true, NVJOutcome: sim.NVJFail, Builds: 3},
	{Namespace: "mlops-demo", Name: "forecast-capacity", Notebook: "notebooks/03-self-healing-logic/02-capacity-forecasting.ipynb",
		Runs: 10, LastRunFails: true, NVJOutcome: sim.NVJDependency, Builds: 3, LastBuildFails: true},
	{Namespace: "mlops-demo-team-b", Name: "churn-predictor", Notebook: "notebooks/01-churn/01-train-churn.ipynb",
		Runs: 9, RunFailEvery: 4, Builds: 2, WorkbenchRunning: true},
}

func (m Model) labels() obj {
	return obj{"model-name": m.Name, "app.kubernetes.io/part-of": "mlops-models", "app.kubernetes.io/name": m.Name}
}

// skipped marks a seeded history object so the simulator leaves it alone.
func skipped(u *unstructured.Unstructured) *unstructured.Unstructured {
	l := u.GetLabels()
	if l == nil {
		l = map[string]string{}
	}
	l[kube.LabelSkip] = "true"
	u.SetLabels(l)
	return u
}

func (m Model) buildConfig() *unstructured.Unstructured {
	name := m.Name + "-notebook"
	ann := obj{"openshift.io/display-name": m.Name + " notebook image"}
	if m.LastBuildFails {
		ann[kube.AnnOutcome] = "fail" // new builds of this config fail too (sim rule)
	}
	return u("build.openshift.io/v1", "BuildConfig", m.Namespace, name, m.labels(), ann, obj{"spec": obj{
		"runPolicy":                    "Serial",
		"source":                       obj{"type": "Git", "git": obj{"uri": GitURL, "ref": "main"}, "contextDir": "notebooks"},
		"strategy":                     obj{"type": "Docker", "dockerStrategy": obj{"dockerfilePath": "Dockerfile"}},
		"output":                       obj{"to": obj{"kind": "ImageStreamTag", "name": name + ":latest"}},
		"triggers":                     list{obj{"type": "ConfigChange"}, obj{"type": "Generic", "generic": obj{"secretReference": obj{"name": "generic-webhook-secret"}}}},
		"successfulBuildsHistoryLimit": int64(5), "failedBuildsHistoryLimit": int64(5),
	}})
}

func (m Model) imageStream(completed []*unstructured.Unstructured) *unstructured.Unstructured {
	name := m.Name + "-notebook"
	repo := fmt.Sprintf("image-registry.openshift-image-registry.svc:5000/%s/%s", m.Namespace, name)
	is := u("image.openshift.io/v1", "ImageStream", m.Namespace, name, m.labels(), nil, obj{"spec": obj{
		"lookupPolicy": obj{"local": true},
	}})
	var items list
	for i := len(completed) - 1; i >= 0; i-- {
		b := completed[i]
		digest, _, _ := unstructured.NestedString(b.Object, "status", "output", "to", "imageDigest")
		created, _, _ := unstructured.NestedString(b.Object, "status", "completionTimestamp")
		items = append(items, obj{"created": created, "dockerImageReference": repo + "@" + digest, "image": digest, "generation": int64(1)})
	}
	st := obj{"dockerImageRepository": repo, "publicDockerImageRepository": fmt.Sprintf("default-route-openshift-image-registry.apps.dev.local/%s/%s", m.Namespace, name)}
	if len(items) > 0 {
		st["tags"] = list{obj{"tag": "latest", "items": items}}
	}
	is.Object["status"] = st
	return is
}

func (m Model) isvc() *unstructured.Unstructured {
	ann := obj{"serving.kserve.io/deploymentMode": "RawDeployment", "openshift.io/display-name": m.Name}
	if m.ISVCFails {
		ann[kube.AnnOutcome] = "fail"
	}
	return u("serving.kserve.io/v1beta1", "InferenceService", m.Namespace, m.Name, m.labels(), ann, obj{"spec": obj{
		"predictor": obj{
			"minReplicas": int64(1), "maxReplicas": int64(1),
			"model": obj{
				"modelFormat": obj{"name": "sklearn"}, "runtime": "sklearn-runtime", "protocolVersion": "v1",
				"storageUri": "pvc://model-storage-pvc/" + m.Name,
				"resources":  obj{"requests": obj{"cpu": "1", "memory": "1Gi"}, "limits": obj{"cpu": "4", "memory": "8Gi"}},
			},
		},
	}})
}

func (m Model) workbench(base time.Time) *unstructured.Unstructured {
	name := m.Name + "-workbench"
	img := fmt.Sprintf("image-registry.openshift-image-registry.svc:5000/%s/%s-notebook:latest", m.Namespace, m.Name)
	ann := obj{
		"openshift.io/display-name":                     m.Name + " workbench",
		"notebooks.opendatahub.io/inject-oauth":         "true",
		"notebooks.opendatahub.io/last-image-selection": "pytorch:2025.1",
		"notebooks.opendatahub.io/last-size-selection":  "Medium",
		"opendatahub.io/username":                       "data-scientist",
		"opendatahub.io/image-display-name":             "PyTorch",
		"notebooks.kubeflow.org/last-activity":          base.Add(-25 * time.Minute).UTC().Format(time.RFC3339),
	}
	if !m.WorkbenchRunning {
		ann[sim.StoppedAnnotation] = base.Add(-26 * time.Hour).UTC().Format(time.RFC3339)
	}
	labels := obj{"app": name, "opendatahub.io/dashboard": "true", "opendatahub.io/odh-managed": "true", "opendatahub.io/user": "data-scientist", "model-name": m.Name}
	prefix := fmt.Sprintf("/notebook/%s/%s", m.Namespace, name)
	return u("kubeflow.org/v1", "Notebook", m.Namespace, name, labels, ann, obj{"spec": obj{"template": obj{"spec": obj{
		"enableServiceLinks": false,
		"containers": list{obj{
			"name": name, "image": img, "imagePullPolicy": "Always",
			"env": list{
				obj{"name": "NOTEBOOK_ARGS", "value": "--ServerApp.port=8888 --ServerApp.token='' --ServerApp.password='' --ServerApp.base_url=" + prefix + " --ServerApp.quit_button=False"},
				obj{"name": "JUPYTER_IMAGE", "value": img},
			},
			"ports":          list{obj{"name": "notebook-port", "containerPort": int64(8888), "protocol": "TCP"}},
			"resources":      obj{"requests": obj{"cpu": "2", "memory": "8Gi"}, "limits": obj{"cpu": "4", "memory": "16Gi"}},
			"readinessProbe": obj{"httpGet": obj{"path": prefix + "/api", "port": "notebook-port", "scheme": "HTTP"}},
			"volumeMounts":   list{obj{"name": "model-storage", "mountPath": "/mnt/models"}, obj{"name": "shm", "mountPath": "/dev/shm"}},
		}},
		"volumes": list{
			obj{"name": "model-storage", "persistentVolumeClaim": obj{"claimName": "model-storage-pvc"}},
			obj{"name": "shm", "emptyDir": obj{"medium": "Memory"}},
		},
	}}}})
}

func (m Model) nvj(name string, build bool, outcome string, extraLabels obj) *unstructured.Unstructured {
	labels := m.labels()
	for k, v := range extraLabels {
		labels[k] = v
	}
	ann := obj{"notebooks.mlops.dev/path": m.Notebook}
	if outcome != "" {
		ann[kube.AnnOutcome] = outcome
	}
	pod := obj{
		"containerImage":     fmt.Sprintf(validatorImage, m.Namespace),
		"serviceAccountName": "self-healing-workbench",
		"envFrom":            list{obj{"secretRef": obj{"name": "model-storage-config"}}},
		"volumes":            list{obj{"name": "model-storage", "persistentVolumeClaim": obj{"claimName": "model-storage-pvc"}}},
		"volumeMounts":       list{obj{"name": "model-storage", "mountPath": "/mnt/models"}},
		"resources":          obj{"requests": obj{"cpu": "1", "memory": "2Gi"}, "limits": obj{"cpu": "2", "memory": "4Gi"}},
	}
	if build {
		pod["buildConfig"] = obj{"enabled": true, "strategy": "s2i", "baseImage": "image-registry.openshift-image-registry.svc:5000/redhat-ods-applications/pytorch:2025.1", "requirementsFile": "requirements.txt"}
	}
	return u("mlops.mlops.dev/v1alpha1", "NotebookValidationJob", m.Namespace, name, labels, ann, obj{"spec": obj{
		"notebook":         obj{"git": obj{"url": GitURL, "ref": "main"}, "path": m.Notebook},
		"podConfig":        pod,
		"timeout":          "30m",
		"validationConfig": obj{"level": "development", "detectSilentFailures": true},
	}})
}

func (m Model) cronJob() *unstructured.Unstructured {
	script := fmt.Sprintf(`oc create -f - <<EOF
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  generateName: train-%[1]s-
  labels: {model-name: %[1]s, triggered-by: cronjob}
spec:
  pipelineRef: {name: %[2]s}
  params:
    - {name: model-name, value: %[1]s}
    - {name: notebook-path, value: %[3]s}
    - {name: data-source, value: prometheus}
    - {name: inference-service-name, value: %[1]s}
    - {name: health-check-enabled, value: "true"}
  workspaces:
    - {name: model-storage, persistentVolumeClaim: {claimName: model-storage-pvc}}
  timeouts: {pipeline: 1h0m0s}
EOF`, m.Name, PipelineName, m.Notebook)
	return u("batch/v1", "CronJob", m.Namespace, "weekly-"+m.Name+"-training", m.labels(), nil, obj{"spec": obj{
		"schedule": "0 2 * * 0", "concurrencyPolicy": "Forbid",
		"jobTemplate": obj{"spec": obj{"template": obj{"spec": obj{
			"serviceAccountName": "pipeline", "restartPolicy": "OnFailure",
			"containers": list{obj{"name": "trigger-training", "image": "quay.io/openshift/origin-cli:latest", "command": list{"/bin/bash", "-c", script}}},
		}}}},
	}})
}
