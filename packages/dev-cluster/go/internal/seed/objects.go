// Package seed creates the demo data set: namespaces with ML models in the
// shape of the platform's seeds (pipelines, run history, validation jobs,
// builds, image streams, inference services, workbenches). Historical
// objects get their final status written directly and carry
// sim.mlops.dev/skip so the simulated controllers never re-run them.
package seed

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

type obj = map[string]interface{}
type list = []interface{}

func u(apiVersion, kind, ns, name string, labels, annotations obj, rest obj) *unstructured.Unstructured {
	meta := obj{"name": name}
	if ns != "" {
		meta["namespace"] = ns
	}
	if len(labels) > 0 {
		meta["labels"] = labels
	}
	if len(annotations) > 0 {
		meta["annotations"] = annotations
	}
	o := obj{"apiVersion": apiVersion, "kind": kind, "metadata": meta}
	for k, v := range rest {
		o[k] = v
	}
	return &unstructured.Unstructured{Object: o}
}

func param(name, value string) obj { return obj{"name": name, "value": value} }

func tparam(name string) obj { return obj{"name": name, "value": fmt.Sprintf("$(params.%s)", name)} }

// PipelineName is the training pipeline of ADR-053.
const PipelineName = "model-training-pipeline"

const validatorImage = "image-registry.openshift-image-registry.svc:5000/%s/notebook-validator:latest"

// pipeline is model-training-pipeline (tekton.dev/v1) with ADR-053's params:
// train-model → health-check (when health-check-enabled) → deploy-model (one
// retry) → post-deployment-check → publish-model-card (onError: continue), and
// the finally task report-training-result; workspace model-storage.
func pipeline(ns string) *unstructured.Unstructured {
	p := func(name, typ, def, desc string) obj {
		o := obj{"name": name, "type": typ, "description": desc}
		if def != "" {
			o["default"] = def
		}
		return o
	}
	// No `enum`: it is an alpha field behind enable-param-enum, which OpenShift Pipelines
	// leaves off (../../../manifests/tekton/feature-flags.yaml), so Tekton's webhook would
	// refuse the Pipeline; the Run training dialog offers ADR-053's values anyway.
	dataSource := p("data-source", "string", "synthetic", "Training data: synthetic, prometheus or hybrid")
	return u("tekton.dev/v1", "Pipeline", ns, PipelineName, obj{"app.kubernetes.io/part-of": "mlops-models"}, nil, obj{
		"spec": obj{
			"displayName": "Model training",
			"description": "Train a model with a NotebookValidationJob, check its health, roll it out to its InferenceService and test the endpoint (ADR-053).",
			"params": list{
				p("model-name", "string", "", "Model to train (also the InferenceService name by default)"),
				p("notebook-path", "string", "", "Training notebook path in the git repository"),
				dataSource,
				p("training-hours", "string", "24", "Hours of metrics to train on"),
				p("inference-service-name", "string", "", "InferenceService to roll out"),
				p("health-check-enabled", "string", "true", "Run the model health check before deploying"),
				p("git-url", "string", "", "Git repository of the notebooks"),
				p("git-ref", "string", "main", "Git ref to train from"),
			},
			"workspaces": list{obj{"name": "model-storage", "description": "PVC holding /mnt/models/<model>/model.pkl"}},
			"tasks": list{
				obj{
					"name": "train-model", "taskRef": obj{"name": "run-notebook-validation", "kind": "Task"},
					"params":     list{tparam("model-name"), tparam("notebook-path"), tparam("data-source"), tparam("training-hours"), tparam("git-url"), tparam("git-ref")},
					"workspaces": list{obj{"name": "model-storage", "workspace": "model-storage"}},
				},
				obj{
					"name": "health-check", "runAfter": list{"train-model"},
					"taskRef":    obj{"name": "validate-model-health", "kind": "Task"},
					"when":       list{obj{"input": "$(params.health-check-enabled)", "operator": "in", "values": list{"true"}}},
					"params":     list{tparam("model-name")},
					"workspaces": list{obj{"name": "model-storage", "workspace": "model-storage"}},
				},
				obj{
					"name": "deploy-model", "runAfter": list{"health-check"},
					"taskRef": obj{"name": "restart-inference-service", "kind": "Task"},
					"params":  list{tparam("inference-service-name")},
					"retries": int64(1), // a rollout that times out once is tried again
				},
				obj{
					"name": "post-deployment-check", "runAfter": list{"deploy-model"},
					"taskRef": obj{"name": "test-inference-endpoint", "kind": "Task"},
					"params":  list{tparam("inference-service-name"), tparam("model-name")},
				},
				obj{
					// Publishing the model card is best effort: a registry outage does
					// not fail the training.
					"name": "publish-model-card", "runAfter": list{"post-deployment-check"},
					"taskRef": obj{"name": "publish-model-card", "kind": "Task"},
					"params":  list{tparam("model-name")},
					"onError": "continue",
				},
			},
			"finally": list{
				obj{
					"name":    "report-training-result",
					"taskRef": obj{"name": "report-training-result", "kind": "Task"},
					"params":  list{tparam("model-name"), obj{"name": "tasks-status", "value": "$(tasks.status)"}},
				},
			},
			"results": list{
				obj{"name": "model-health", "value": "$(tasks.health-check.results.model-health)"},
				obj{"name": "endpoint-status", "value": "$(tasks.post-deployment-check.results.endpoint-status)"},
				obj{"name": "metrics", "value": "$(tasks.train-model.results.metrics)"},
			},
		},
	})
}

func step(name, image, script string) obj { return obj{"name": name, "image": image, "script": script} }

func task(ns, name, desc string, params []string, results []string, workspace bool, steps ...obj) *unstructured.Unstructured {
	var ps, rs list
	for _, p := range params {
		ps = append(ps, obj{"name": p, "type": "string"})
	}
	for _, r := range results {
		rs = append(rs, obj{"name": r, "type": "string"})
	}
	spec := obj{"description": desc, "params": ps, "steps": list{}}
	for _, s := range steps {
		spec["steps"] = append(spec["steps"].(list), s)
	}
	if len(rs) > 0 {
		spec["results"] = rs
	}
	if workspace {
		spec["workspaces"] = list{obj{"name": "model-storage", "mountPath": "/mnt/models"}}
	}
	return u("tekton.dev/v1", "Task", ns, name, obj{"app.kubernetes.io/part-of": "mlops-models"}, nil, obj{"spec": spec})
}

func tasks(ns string) []*unstructured.Unstructured {
	cli := "quay.io/openshift/origin-cli:latest"
	img := fmt.Sprintf(validatorImage, ns)
	return []*unstructured.Unstructured{
		task(ns, "run-notebook-validation", "Run the training notebook as a NotebookValidationJob and wait for it",
			[]string{"model-name", "notebook-path", "data-source", "training-hours", "git-url", "git-ref"}, []string{"metrics"}, true,
			step("create-validation-job", cli, "#!/bin/bash\nset -euo pipefail\nJOB=train-$(params.model-name)-$(date +%s)\noc apply -f - <<EOF\napiVersion: mlops.mlops.dev/v1alpha1\nkind: NotebookValidationJob\nmetadata: {name: $JOB, labels: {model-name: $(params.model-name)}}\nspec:\n  notebook: {git: {url: $(params.git-url), ref: $(params.git-ref)}, path: $(params.notebook-path)}\n  podConfig: {containerImage: "+img+"}\nEOF\necho $JOB > /tekton/home/job"),
			step("wait-for-completion", cli, "#!/bin/bash\nset -euo pipefail\nJOB=$(cat /tekton/home/job)\noc wait --for=jsonpath='{.status.phase}'=Succeeded nvj/$JOB --timeout=20m\necho \"model saved to /mnt/models/$(params.model-name)/model.pkl\""),
			// The plugin's metrics convention (plugins/mlops/README.md, "Model metrics"):
			// the notebook writes metrics.json beside the model; this step copies it to
			// the Task result `metrics`, a JSON object of metric name to number.
			step("report-metrics", img, "#!/bin/bash\nset -euo pipefail\ncat /mnt/models/$(params.model-name)/metrics.json | tee $(results.metrics.path)"),
		),
		task(ns, "validate-model-health", "Check the trained model file, load it and run test predictions",
			[]string{"model-name"}, []string{"model-health", "model-size-bytes", "prediction-shape"}, true,
			step("check-model-file", img, "#!/bin/bash\nset -e\nMODEL_PATH=/mnt/models/$(params.model-name)/model.pkl\ntest -f \"$MODEL_PATH\"\nstat -c%s \"$MODEL_PATH\" | tee $(results.model-size-bytes.path)"),
			step("test-model-load", img, "#!/usr/bin/env python3\nimport joblib\nmodel = joblib.load('/mnt/models/$(params.model-name)/model.pkl')\nprint('loaded', type(model).__name__)"),
			step("test-predictions", img, "#!/usr/bin/env python3\nimport joblib, numpy as np\nmodel = joblib.load('/mnt/models/$(params.model-name)/model.pkl')\nshape = model.predict(np.random.rand(10, 45)).shape\nopen('$(results.prediction-shape.path)', 'w').write(str(shape))\nopen('$(results.model-health.path)', 'w').write('healthy')"),
		),
		task(ns, "restart-inference-service", "Roll the InferenceService so it loads the new model",
			[]string{"inference-service-name"}, nil, false,
			step("restart-predictor", cli, "#!/bin/bash\nset -euo pipefail\noc patch inferenceservice $(params.inference-service-name) --type merge -p \"{\\\"spec\\\":{\\\"predictor\\\":{\\\"annotations\\\":{\\\"mlops.dev/restarted-at\\\":\\\"$(date -u +%FT%TZ)\\\"}}}}\""),
			step("wait-for-ready", cli, "#!/bin/bash\noc wait --for=condition=Ready inferenceservice/$(params.inference-service-name) --timeout=5m"),
		),
		task(ns, "test-inference-endpoint", "POST a prediction to the model server and check the answer",
			[]string{"inference-service-name", "model-name"}, []string{"endpoint-status", "latency-ms"}, false,
			step("test-endpoint", "registry.access.redhat.com/ubi9/ubi-minimal:latest", "#!/bin/bash\nset -euo pipefail\ncurl -s -o /dev/null -w '%{http_code}' -X POST http://$(params.inference-service-name)-predictor:8080/v1/models/$(params.model-name):predict -d '{\"instances\":[[0.1,0.2]]}' > $(results.endpoint-status.path)\ncurl -s -o /dev/null -w '%{time_total}' http://$(params.inference-service-name)-predictor:8080/v1/models/$(params.model-name) | awk '{printf \"%d\", $1*1000}' > $(results.latency-ms.path)"),
		),
		task(ns, "publish-model-card", "Publish the model card to the model registry (best effort)",
			[]string{"model-name"}, nil, true,
			step("publish", cli, "#!/bin/bash\nset -euo pipefail\ncurl -sf -X PUT https://model-registry.mlops.svc:8443/api/model_registry/v1alpha3/registered_models/$(params.model-name) -d @/mnt/models/$(params.model-name)/model-card.json"),
		),
		task(ns, "report-training-result", "Report how the training run ended (runs whatever happened)",
			[]string{"model-name", "tasks-status"}, nil, false,
			step("report", cli, "#!/bin/bash\necho \"training of $(params.model-name) ended: $(params.tasks-status)\""),
		),
	}
}

// triggers: a drift alert → EventListener → TriggerTemplate making a v1 PipelineRun.
func triggers(ns string) []*unstructured.Unstructured {
	labels := obj{"app.kubernetes.io/part-of": "mlops-models"}
	binding := u("triggers.tekton.dev/v1beta1", "TriggerBinding", ns, "model-drift-binding", labels, nil, obj{"spec": obj{
		"params": list{param("model-name", "$(body.commonLabels.model)")},
	}})
	template := u("triggers.tekton.dev/v1beta1", "TriggerTemplate", ns, "model-training-trigger", labels, nil, obj{"spec": obj{
		"params": list{obj{"name": "model-name", "description": "Model to retrain"}},
		"resourcetemplates": list{obj{
			"apiVersion": "tekton.dev/v1", "kind": "PipelineRun",
			"metadata": obj{"generateName": "retrain-$(tt.params.model-name)-", "labels": obj{"model-name": "$(tt.params.model-name)", "triggered-by": "drift-alert"}},
			"spec": obj{
				"pipelineRef": obj{"name": PipelineName},
				"params": list{
					param("model-name", "$(tt.params.model-name)"), param("inference-service-name", "$(tt.params.model-name)"),
					param("data-source", "prometheus"), param("health-check-enabled", "true"),
				},
				"workspaces": list{obj{"name": "model-storage", "persistentVolumeClaim": obj{"claimName": "model-storage-pvc"}}},
				"timeouts":   obj{"pipeline": "1h0m0s"},
			},
		}},
	}})
	listener := u("triggers.tekton.dev/v1beta1", "EventListener", ns, "model-drift-listener", labels, nil, obj{"spec": obj{
		"serviceAccountName": "pipeline",
		"triggers": list{obj{
			"name": "model-drift",
			"interceptors": list{obj{"ref": obj{"name": "cel"}, "params": list{
				obj{"name": "filter", "value": "body.status == 'firing' && body.commonLabels.alertname == 'ModelDriftDetected'"},
			}}},
			"bindings": list{obj{"ref": "model-drift-binding"}},
			"template": obj{"ref": "model-training-trigger"},
		}},
	}})
	listener.Object["status"] = obj{
		"address":       obj{"url": fmt.Sprintf("http://el-model-drift-listener.%s.svc.cluster.local:8080", ns)},
		"configuration": obj{"generatedName": "el-model-drift-listener"},
		"conditions": list{
			obj{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."},
			obj{"type": "Ready", "status": "True"},
		},
	}
	return []*unstructured.Unstructured{binding, template, listener}
}

// ovmsServingRuntime is OpenShift AI's OpenVINO Model Server runtime as a project gets it
// from the kserve-ovms template: the ml-model template's PyTorch models are served as ONNX
// by it (named explicitly, it does not auto-select), and mlops:cluster:check looks for it.
func ovmsServingRuntime(ns string) *unstructured.Unstructured {
	return u("serving.kserve.io/v1alpha1", "ServingRuntime", ns, "kserve-ovms", obj{"app.kubernetes.io/part-of": "mlops-models"},
		obj{"openshift.io/display-name": "OpenVINO Model Server"}, obj{"spec": obj{
			"supportedModelFormats": list{obj{"name": "onnx", "version": "1"}, obj{"name": "openvino_ir", "version": "opset13"}},
			"protocolVersions":      list{"v2", "grpc-v2"},
			"multiModel":            false,
			"containers": list{obj{
				"name": "kserve-container", "image": "quay.io/modh/openvino_model_server:stable",
				"args":  list{"--model_name={{.Name}}", "--port=8001", "--rest_port=8888", "--model_path=/mnt/models", "--file_system_poll_wait_seconds=0"},
				"ports": list{obj{"containerPort": int64(8888), "protocol": "TCP"}},
			}},
		}})
}

// mlserverServingRuntime is OpenShift AI's MLServer runtime as a project gets it from
// the mlserver-runtime-template of the model controller
// (opendatahub-io/odh-model-controller config/runtimes/mlserver-template.yaml): sklearn
// (0, 1) and xgboost (1, 2) over the KServe v2 protocol, none auto-selected. The
// ml-model template's sklearn and xgboost models name it; mlops:cluster:check looks
// for it.
func mlserverServingRuntime(ns string) *unstructured.Unstructured {
	return u("serving.kserve.io/v1alpha1", "ServingRuntime", ns, "mlserver-runtime", obj{"opendatahub.io/dashboard": "true"},
		obj{"openshift.io/display-name": "MLServer ServingRuntime for KServe", "serving.kserve.io/server-type": "mlserver"}, obj{"spec": obj{
			"supportedModelFormats": list{
				obj{"name": "sklearn", "version": "0"}, obj{"name": "sklearn", "version": "1"},
				obj{"name": "xgboost", "version": "1"}, obj{"name": "xgboost", "version": "2"},
				obj{"name": "lightgbm", "version": "3"}, obj{"name": "lightgbm", "version": "4"},
				obj{"name": "onnx", "version": "1"},
			},
			"protocolVersions": list{"v2"},
			"multiModel":       false,
			"containers": list{obj{
				"name": "kserve-container", "image": "quay.io/opendatahub/mlserver:fast",
				"env": list{
					obj{"name": "MLSERVER_MODEL_IMPLEMENTATION", "value": "{{.Labels.modelClass}}"},
					obj{"name": "MLSERVER_HTTP_PORT", "value": "8080"},
					obj{"name": "MLSERVER_MODELS_DIR", "value": "/mnt/models"},
				},
				"ports": list{obj{"containerPort": int64(8080), "protocol": "TCP"}},
			}},
		}})
}

func servingRuntime(ns string) *unstructured.Unstructured {
	return u("serving.kserve.io/v1alpha1", "ServingRuntime", ns, "sklearn-runtime", obj{"app.kubernetes.io/part-of": "mlops-models"},
		obj{"openshift.io/display-name": "scikit-learn / XGBoost"}, obj{"spec": obj{
			"supportedModelFormats": list{obj{"name": "sklearn", "version": "1", "autoSelect": true}, obj{"name": "xgboost", "version": "1", "autoSelect": true}},
			"protocolVersions":      list{"v1", "v2"},
			"containers": list{obj{
				"name": "kserve-container", "image": fmt.Sprintf("image-registry.openshift-image-registry.svc:5000/%s/sklearn-xgboost-server:latest", ns),
				"args":  list{"--model_name={{.Name}}", "--model_dir=/mnt/models", "--http_port=8080"},
				"ports": list{obj{"containerPort": int64(8080), "protocol": "TCP"}},
				// A crash leaves the server's last log lines as the termination
				// message, which KServe copies into lastFailureInfo.message.
				"terminationMessagePolicy": "FallbackToLogsOnError",
			}},
		}})
}
