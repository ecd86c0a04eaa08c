import { deepFreeze } from './projectHelpers';
import { projectBuild } from './projectBuild';
import { projectBuildConfig } from './projectBuildConfig';
import { projectEvent } from './projectEvent';
import { projectInferenceService } from './projectInferenceService';
import { projectNamespace } from './projectNamespace';
import { projectNotebookValidationJob } from './projectNotebookValidationJob';
import { projectPipeline } from './projectPipeline';
import { projectPipelineRun } from './projectPipelineRun';
import { projectPod } from './projectPod';
import { projectTaskRun } from './projectTaskRun';
import { projectWorkbench } from './projectWorkbench';
import type { MlopsResourceKindId, MlopsSlimObjects } from './resourceKinds';

const PROJECTORS: {
  [K in MlopsResourceKindId]: (raw: unknown) => MlopsSlimObjects[K] | undefined;
} = {
  pipelineruns: projectPipelineRun,
  taskruns: projectTaskRun,
  pipelines: projectPipeline,
  notebookvalidationjobs: projectNotebookValidationJob,
  buildconfigs: projectBuildConfig,
  builds: projectBuild,
  inferenceservices: projectInferenceService,
  notebooks: projectWorkbench,
  pods: projectPod,
  events: projectEvent,
  namespaces: projectNamespace,
};

/**
 * Projects an object as the API server returns it onto the slim type the cache stores
 * for its kind (see `src/kinds`): `managedFields`, `last-applied-configuration` and
 * everything the plugin never shows are dropped, and every kept field is type-checked.
 * The result is deeply frozen (cached objects are shared). Undefined when the object
 * has no name, namespace, uid or resourceVersion.
 *
 * @public
 */
export function projectMlopsObject<K extends MlopsResourceKindId>(
  kind: K,
  raw: unknown,
): MlopsSlimObjects[K] | undefined {
  const project = PROJECTORS[kind] as (
    raw: unknown,
  ) => MlopsSlimObjects[K] | undefined;
  const projected = project(raw);
  return projected ? deepFreeze(projected) : undefined;
}
