import {
  isMlPipelineEntity,
  MLOPS_MODEL_NAME_LABEL,
} from '@backstage-mlops/plugin-mlops-common';
import {
  KSERVE_INFERENCE_SERVICE_POD_LABEL,
  TEKTON_PIPELINE_RUN_LABEL,
  type MlopsObjectStore,
  type MlopsResourceKindId,
  type MlopsSlimObjects,
  type SlimBuild,
  type SlimEvent,
  type SlimInferenceService,
  type SlimNotebookValidationJob,
  type SlimPipelineRun,
  type SlimPod,
  type SlimTaskRun,
  type SlimWorkbench,
} from '@backstage-mlops/plugin-mlops-node';
import type { ModelTarget } from '../services/ModelAccess';

const PIPELINE_LABEL = 'tekton.dev/pipeline';
const BUILD_CONFIG_LABEL = 'openshift.io/build-config.name';

function sameNamespace(
  target: ModelTarget,
  object: { metadata: { namespace: string } },
): boolean {
  return object.metadata.namespace === target.coordinates.namespace;
}

/**
 * Whether a PipelineRun is one of the entity's runs, by the same rule as the Training
 * tab: for a model, labelled `model-name=<model>`, or a run of its training pipeline
 * whose `model-name` param names it; for an `ml-pipeline`, a run of that pipeline.
 *
 * @internal
 */
export function runBelongsTo(
  target: ModelTarget,
  run: SlimPipelineRun,
): boolean {
  if (!sameNamespace(target, run)) {
    return false;
  }
  const { modelName, trainingPipeline } = target.coordinates;
  const labels = run.metadata.labels ?? {};
  const ofPipeline = labels[PIPELINE_LABEL] === trainingPipeline;
  if (isMlPipelineEntity(target.entity)) {
    return ofPipeline;
  }
  if (labels[MLOPS_MODEL_NAME_LABEL] === modelName) {
    return true;
  }
  return (
    ofPipeline &&
    run.spec.params?.find(p => p.name === 'model-name')?.value === modelName
  );
}

/**
 * Whether a NotebookValidationJob is one of the model's (`model-name=<model>`).
 *
 * @internal
 */
export function validationJobBelongsTo(
  target: ModelTarget,
  job: SlimNotebookValidationJob,
): boolean {
  return (
    !isMlPipelineEntity(target.entity) &&
    sameNamespace(target, job) &&
    job.metadata.labels?.[MLOPS_MODEL_NAME_LABEL] ===
      target.coordinates.modelName
  );
}

/**
 * Whether a Build is a build of the model's BuildConfig (annotation `build-config`).
 *
 * @internal
 */
export function buildBelongsTo(target: ModelTarget, build: SlimBuild): boolean {
  const buildConfig = target.coordinates.buildConfig;
  return (
    !isMlPipelineEntity(target.entity) &&
    buildConfig !== undefined &&
    sameNamespace(target, build) &&
    build.metadata.labels?.[BUILD_CONFIG_LABEL] === buildConfig
  );
}

/**
 * Whether an InferenceService is the model's (annotation `inference-service`).
 *
 * @internal
 */
export function inferenceServiceBelongsTo(
  target: ModelTarget,
  isvc: SlimInferenceService,
): boolean {
  return (
    !isMlPipelineEntity(target.entity) &&
    sameNamespace(target, isvc) &&
    isvc.metadata.name === target.coordinates.inferenceService
  );
}

/**
 * Whether a Pod is one of the pods serving the model's InferenceService (KServe's
 * label `serving.kserve.io/inferenceservice`, `KSERVE_INFERENCE_SERVICE_POD_LABEL`).
 *
 * @internal
 */
export function servingPodBelongsTo(
  target: ModelTarget,
  pod: SlimPod,
): boolean {
  const inferenceService = target.coordinates.inferenceService;
  return (
    !isMlPipelineEntity(target.entity) &&
    inferenceService !== undefined &&
    sameNamespace(target, pod) &&
    pod.metadata.labels?.[KSERVE_INFERENCE_SERVICE_POD_LABEL] ===
      inferenceService
  );
}

/**
 * Whether an Event is about the model's InferenceService, or about one of its serving
 * pods (`involvedPod`: the Pod the Event names, from the watch cache; see
 * {@link involvedPodOf}).
 *
 * @internal
 */
export function eventBelongsTo(
  target: ModelTarget,
  event: SlimEvent,
  involvedPod?: SlimPod,
): boolean {
  const { kind, name } = event.involvedObject;
  if (kind === 'InferenceService') {
    return (
      !isMlPipelineEntity(target.entity) &&
      sameNamespace(target, event) &&
      name === target.coordinates.inferenceService
    );
  }
  return involvedPod !== undefined && servingPodBelongsTo(target, involvedPod);
}

/**
 * The Pod an Event is about (its `involvedObject`), from the watch cache; undefined
 * when the Event is about another kind or the pod is not cached.
 *
 * @internal
 */
export async function involvedPodOf(
  store: MlopsObjectStore,
  cluster: string,
  event: SlimEvent,
): Promise<SlimPod | undefined> {
  if (event.involvedObject.kind !== 'Pod') {
    return undefined;
  }
  const { items } = await store.query({
    cluster,
    kind: 'pods',
    namespace: event.metadata.namespace,
    name: event.involvedObject.name,
  });
  return items[0];
}

/**
 * Whether a workbench Notebook is the model's (annotation `workbench`).
 *
 * @internal
 */
export function workbenchBelongsTo(
  target: ModelTarget,
  notebook: SlimWorkbench,
): boolean {
  return (
    !isMlPipelineEntity(target.entity) &&
    sameNamespace(target, notebook) &&
    notebook.metadata.name === target.coordinates.workbench
  );
}

/**
 * The PipelineRun a TaskRun belongs to, from the watch cache: the one its label
 * `tekton.dev/pipelineRun` names (set by Tekton's PipelineRun reconciler,
 * tektoncd/pipeline pkg/reconciler/pipelinerun/pipelinerun.go, `getTaskrunLabels`);
 * undefined when the label is missing or the run is not cached. A TaskRun belongs to
 * the entities of that run.
 *
 * @internal
 */
export async function pipelineRunOf(
  store: MlopsObjectStore,
  cluster: string,
  taskRun: SlimTaskRun,
): Promise<SlimPipelineRun | undefined> {
  const name = taskRun.metadata.labels?.[TEKTON_PIPELINE_RUN_LABEL];
  if (!name) {
    return undefined;
  }
  const { items } = await store.query({
    cluster,
    kind: 'pipelineruns',
    namespace: taskRun.metadata.namespace,
    name,
  });
  return items[0];
}

/**
 * Whether a cluster object of a kind is one of the entity's, by the rule of its kind
 * above; false for kinds whose rule needs the watch cache (a TaskRun belongs to its
 * run: {@link pipelineRunOf}; an Event to what it is about: {@link eventBelongsTo})
 * and for kinds no tab shows.
 *
 * @internal
 */
export function objectBelongsTo(
  target: ModelTarget,
  kind: MlopsResourceKindId,
  object: MlopsSlimObjects[MlopsResourceKindId],
): boolean {
  switch (kind) {
    case 'pipelineruns':
      return runBelongsTo(target, object as SlimPipelineRun);
    case 'notebookvalidationjobs':
      return validationJobBelongsTo(
        target,
        object as SlimNotebookValidationJob,
      );
    case 'builds':
      return buildBelongsTo(target, object as SlimBuild);
    case 'inferenceservices':
      return inferenceServiceBelongsTo(target, object as SlimInferenceService);
    case 'notebooks':
      return workbenchBelongsTo(target, object as SlimWorkbench);
    case 'pods':
      return servingPodBelongsTo(target, object as SlimPod);
    default:
      return false;
  }
}
