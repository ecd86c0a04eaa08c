import { deepFreeze } from './slimHelpers';
import { toSlimBuild } from './toSlimBuild';
import { toSlimBuildConfig } from './toSlimBuildConfig';
import { toSlimEvent } from './toSlimEvent';
import { toSlimInferenceService } from './toSlimInferenceService';
import { toSlimNamespace } from './toSlimNamespace';
import { toSlimNotebookValidationJob } from './toSlimNotebookValidationJob';
import { toSlimPipeline } from './toSlimPipeline';
import { toSlimPipelineRun } from './toSlimPipelineRun';
import { toSlimPod } from './toSlimPod';
import { toSlimTaskRun } from './toSlimTaskRun';
import { toSlimWorkbench } from './toSlimWorkbench';
import type { MlopsResourceKindId, MlopsSlimObjects } from './resourceKinds';

const TO_SLIM: {
  [K in MlopsResourceKindId]: (raw: unknown) => MlopsSlimObjects[K] | undefined;
} = {
  pipelineruns: toSlimPipelineRun,
  taskruns: toSlimTaskRun,
  pipelines: toSlimPipeline,
  notebookvalidationjobs: toSlimNotebookValidationJob,
  buildconfigs: toSlimBuildConfig,
  builds: toSlimBuild,
  inferenceservices: toSlimInferenceService,
  notebooks: toSlimWorkbench,
  pods: toSlimPod,
  events: toSlimEvent,
  namespaces: toSlimNamespace,
};

/**
 * Turns an object as the API server returns it into the slim type the cache stores
 * for its kind (see `src/kinds`): `managedFields`, `last-applied-configuration` and
 * everything the plugin never shows are dropped, and every kept field is type-checked.
 * The result is deeply frozen (cached objects are shared). Undefined when the object
 * has no name, namespace, uid or resourceVersion.
 *
 * @public
 */
export function toSlimMlopsObject<K extends MlopsResourceKindId>(
  kind: K,
  raw: unknown,
): MlopsSlimObjects[K] | undefined {
  const toSlim = TO_SLIM[kind] as (
    raw: unknown,
  ) => MlopsSlimObjects[K] | undefined;
  const slim = toSlim(raw);
  return slim ? deepFreeze(slim) : undefined;
}
