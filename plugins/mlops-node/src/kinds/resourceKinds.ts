import type { SlimEvent } from './event';
import type { SlimBuild, SlimBuildConfig } from './openshiftBuild';
import { KSERVE_INFERENCE_SERVICE_POD_LABEL, type SlimPod } from './pod';
import type { SlimInferenceService } from './kserve';
import type { SlimNamespace } from './namespace';
import type { SlimNotebookValidationJob } from './notebookValidationJob';
import type { SlimPipeline, SlimPipelineRun, SlimTaskRun } from './tekton';
import type { SlimWorkbench } from './workbench';

/**
 * The cluster kinds backstage-mlops reads, with their API coordinates and the labels
 * the cache indexes (besides the namespace). A kind with `clusterScoped: true`
 * (Namespaces) is cached with `''` as its objects' namespace and queried without one.
 * A kind with a `labelSelector` (Pods) is listed and watched with it: only the objects
 * it selects are cached, and a query that misses the cache adds it too.
 *
 * @public
 */
export const MLOPS_RESOURCE_KINDS = {
  pipelineruns: {
    kind: 'PipelineRun',
    group: 'tekton.dev',
    version: 'v1',
    plural: 'pipelineruns',
    indexedLabels: ['model-name', 'tekton.dev/pipeline'],
  },
  taskruns: {
    kind: 'TaskRun',
    group: 'tekton.dev',
    version: 'v1',
    plural: 'taskruns',
    indexedLabels: ['tekton.dev/pipelineRun'],
  },
  pipelines: {
    kind: 'Pipeline',
    group: 'tekton.dev',
    version: 'v1',
    plural: 'pipelines',
    indexedLabels: [],
  },
  notebookvalidationjobs: {
    kind: 'NotebookValidationJob',
    group: 'mlops.mlops.dev',
    version: 'v1alpha1',
    plural: 'notebookvalidationjobs',
    indexedLabels: ['model-name'],
  },
  buildconfigs: {
    kind: 'BuildConfig',
    group: 'build.openshift.io',
    version: 'v1',
    plural: 'buildconfigs',
    indexedLabels: [],
  },
  builds: {
    kind: 'Build',
    group: 'build.openshift.io',
    version: 'v1',
    plural: 'builds',
    indexedLabels: ['openshift.io/build-config.name'],
  },
  inferenceservices: {
    kind: 'InferenceService',
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
    indexedLabels: [],
  },
  notebooks: {
    kind: 'Notebook',
    group: 'kubeflow.org',
    version: 'v1',
    plural: 'notebooks',
    indexedLabels: [],
  },
  pods: {
    kind: 'Pod',
    group: '',
    version: 'v1',
    plural: 'pods',
    indexedLabels: [KSERVE_INFERENCE_SERVICE_POD_LABEL],
    /** Predictor (and transformer, explainer) pods only: the pods KServe labels as an InferenceService's. */
    labelSelector: KSERVE_INFERENCE_SERVICE_POD_LABEL,
  },
  events: {
    kind: 'Event',
    group: '',
    version: 'v1',
    plural: 'events',
    indexedLabels: [],
  },
  namespaces: {
    kind: 'Namespace',
    group: '',
    version: 'v1',
    plural: 'namespaces',
    indexedLabels: [],
    clusterScoped: true,
  },
} as const;

/**
 * Whether objects of the kind live outside namespaces (Namespaces themselves).
 *
 * @public
 */
export function isClusterScopedKind(kind: MlopsResourceKindId): boolean {
  return 'clusterScoped' in MLOPS_RESOURCE_KINDS[kind];
}

/**
 * Id of a kind in {@link MLOPS_RESOURCE_KINDS} (its plural).
 *
 * @public
 */
export type MlopsResourceKindId = keyof typeof MLOPS_RESOURCE_KINDS;

/**
 * The slim object type the cache stores for each kind.
 *
 * @public
 */
export interface MlopsSlimObjects {
  pipelineruns: SlimPipelineRun;
  taskruns: SlimTaskRun;
  pipelines: SlimPipeline;
  notebookvalidationjobs: SlimNotebookValidationJob;
  buildconfigs: SlimBuildConfig;
  builds: SlimBuild;
  inferenceservices: SlimInferenceService;
  notebooks: SlimWorkbench;
  pods: SlimPod;
  events: SlimEvent;
  namespaces: SlimNamespace;
}

/**
 * The label selector a kind is listed and watched with, if any.
 *
 * @public
 */
export function labelSelectorOfKind(
  kind: MlopsResourceKindId,
): string | undefined {
  const definition = MLOPS_RESOURCE_KINDS[kind];
  return 'labelSelector' in definition ? definition.labelSelector : undefined;
}
