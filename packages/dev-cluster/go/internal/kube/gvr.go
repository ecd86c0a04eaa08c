// Package kube holds the client plumbing shared by up, seed, scale, the shim
// and the simulated controllers: REST configs from the state dir, GVRs of the
// CRD kinds, and manifest application with server-side apply.
package kube

import "k8s.io/apimachinery/pkg/runtime/schema"

// GVRs of every kind the dev cluster serves through CRDs.
var (
	NVJ             = schema.GroupVersionResource{Group: "mlops.mlops.dev", Version: "v1alpha1", Resource: "notebookvalidationjobs"}
	Pipeline        = schema.GroupVersionResource{Group: "tekton.dev", Version: "v1", Resource: "pipelines"}
	PipelineRun     = schema.GroupVersionResource{Group: "tekton.dev", Version: "v1", Resource: "pipelineruns"}
	TaskRun         = schema.GroupVersionResource{Group: "tekton.dev", Version: "v1", Resource: "taskruns"}
	Task            = schema.GroupVersionResource{Group: "tekton.dev", Version: "v1", Resource: "tasks"}
	EventListener   = schema.GroupVersionResource{Group: "triggers.tekton.dev", Version: "v1beta1", Resource: "eventlisteners"}
	TriggerTemplate = schema.GroupVersionResource{Group: "triggers.tekton.dev", Version: "v1beta1", Resource: "triggertemplates"}
	TriggerBinding  = schema.GroupVersionResource{Group: "triggers.tekton.dev", Version: "v1beta1", Resource: "triggerbindings"}
	ISVC            = schema.GroupVersionResource{Group: "serving.kserve.io", Version: "v1beta1", Resource: "inferenceservices"}
	ServingRuntime  = schema.GroupVersionResource{Group: "serving.kserve.io", Version: "v1alpha1", Resource: "servingruntimes"}
	BuildConfig     = schema.GroupVersionResource{Group: "build.openshift.io", Version: "v1", Resource: "buildconfigs"}
	Build           = schema.GroupVersionResource{Group: "build.openshift.io", Version: "v1", Resource: "builds"}
	ImageStream     = schema.GroupVersionResource{Group: "image.openshift.io", Version: "v1", Resource: "imagestreams"}
	Notebook        = schema.GroupVersionResource{Group: "kubeflow.org", Version: "v1", Resource: "notebooks"}
)

// FieldManager is the server-side-apply manager name used by devcluster.
const FieldManager = "devcluster"

// Sim annotations: outcome rules for the simulated controllers (see GO.md).
const (
	// AnnOutcome selects how the simulator finishes an object.
	AnnOutcome = "sim.mlops.dev/outcome"
	// AnnFailAt names the pipeline tasks (PipelineRun; comma-separated) or the
	// step (TaskRun) that fail.
	AnnFailAt = "sim.mlops.dev/fail-at"
	// AnnFailAttempts limits how many attempts of a failing TaskRun fail; a
	// task with retries left then succeeds (default: every attempt fails).
	AnnFailAttempts = "sim.mlops.dev/fail-attempts"
	// AnnStepSeconds keeps each TaskRun step (PipelineRun: each of its TaskRuns' steps)
	// or a Build's Running phase going for this many seconds, appending a progress
	// line to its log on every tick, so a followed log grows.
	AnnStepSeconds = "sim.mlops.dev/step-seconds"
	// AnnSimulate ("true") keeps an object on the simulated path: nothing of it
	// is executed, its status comes from the state machines alone (the demo's
	// recorded models, and test fixtures that ask for a simulated outcome). Any
	// of the rule annotations above implies it. On a Pipeline or Task it holds
	// for their runs (Tekton copies a Pipeline's and a Task's annotations to
	// their runs); on a BuildConfig for its builds.
	AnnSimulate = "sim.mlops.dev/simulate"
	// LabelSkip (a label, value "true") makes the simulator ignore an object
	// (seeded history, scale data). It is a label so that the simulator's
	// informers can leave such objects out server-side ("!sim.mlops.dev/skip").
	LabelSkip = "sim.mlops.dev/skip"
)
