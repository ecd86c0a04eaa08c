/**
 * Every kind the dev cluster serves through a CRD, with a minimal valid object of each,
 * for the integration suite. Objects carry the simulator's skip label so the simulated
 * controllers leave them alone.
 */
export interface CrdKind {
  kind: string;
  group: string;
  version: string;
  plural: string;
  spec: Record<string, unknown>;
}

export const crdKinds: CrdKind[] = [
  {
    kind: 'NotebookValidationJob',
    group: 'mlops.mlops.dev',
    version: 'v1alpha1',
    plural: 'notebookvalidationjobs',
    spec: {
      notebook: {
        git: { url: 'https://github.com/acme/models.git', ref: 'main' },
        path: 'notebooks/train.ipynb',
      },
      podConfig: { containerImage: 'quay.io/acme/validator:1' },
    },
  },
  {
    kind: 'Pipeline',
    group: 'tekton.dev',
    version: 'v1',
    plural: 'pipelines',
    spec: { tasks: [{ name: 'train', taskRef: { name: 'train' } }] },
  },
  {
    kind: 'PipelineRun',
    group: 'tekton.dev',
    version: 'v1',
    plural: 'pipelineruns',
    spec: { pipelineRef: { name: 'model-training-pipeline' } },
  },
  {
    kind: 'TaskRun',
    group: 'tekton.dev',
    version: 'v1',
    plural: 'taskruns',
    spec: { taskRef: { name: 'train' } },
  },
  {
    kind: 'Task',
    group: 'tekton.dev',
    version: 'v1',
    plural: 'tasks',
    spec: { steps: [{ name: 'run', image: 'registry.example.com/cli:1' }] },
  },
  {
    kind: 'EventListener',
    group: 'triggers.tekton.dev',
    version: 'v1beta1',
    plural: 'eventlisteners',
    spec: {
      serviceAccountName: 'pipeline',
      triggers: [{ name: 'drift', template: { ref: 'model-training' } }],
    },
  },
  {
    kind: 'TriggerBinding',
    group: 'triggers.tekton.dev',
    version: 'v1beta1',
    plural: 'triggerbindings',
    spec: {
      params: [{ name: 'model-name', value: '$(body.commonLabels.model)' }],
    },
  },
  {
    kind: 'TriggerTemplate',
    group: 'triggers.tekton.dev',
    version: 'v1beta1',
    plural: 'triggertemplates',
    spec: { params: [{ name: 'model-name' }], resourcetemplates: [] },
  },
  {
    kind: 'InferenceService',
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
    spec: {
      predictor: {
        model: {
          modelFormat: { name: 'sklearn' },
          storageUri: 'pvc://model-storage-pvc/m',
        },
      },
    },
  },
  {
    kind: 'ServingRuntime',
    group: 'serving.kserve.io',
    version: 'v1alpha1',
    plural: 'servingruntimes',
    spec: {
      supportedModelFormats: [{ name: 'sklearn', version: '1' }],
      containers: [
        { name: 'kserve-container', image: 'registry.example.com/sklearn:1' },
      ],
    },
  },
  {
    kind: 'BuildConfig',
    group: 'build.openshift.io',
    version: 'v1',
    plural: 'buildconfigs',
    spec: { strategy: { type: 'Docker', dockerStrategy: {} } },
  },
  {
    kind: 'Build',
    group: 'build.openshift.io',
    version: 'v1',
    plural: 'builds',
    spec: { strategy: { type: 'Docker', dockerStrategy: {} } },
  },
  {
    kind: 'ImageStream',
    group: 'image.openshift.io',
    version: 'v1',
    plural: 'imagestreams',
    spec: { lookupPolicy: { local: true } },
  },
  {
    kind: 'Notebook',
    group: 'kubeflow.org',
    version: 'v1',
    plural: 'notebooks',
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'workbench', image: 'registry.example.com/pytorch:2025.1' },
          ],
        },
      },
    },
  },
];

/** The simulator leaves objects with this label alone. */
export const SKIP_LABEL = { 'sim.mlops.dev/skip': 'true' };

/** A manifest of a kind, named and labelled for a test. */
export function manifest(
  kind: CrdKind,
  name: string,
  labels: Record<string, string> = SKIP_LABEL,
) {
  return {
    apiVersion: `${kind.group}/${kind.version}`,
    kind: kind.kind,
    metadata: { name, labels },
    spec: kind.spec,
  };
}
