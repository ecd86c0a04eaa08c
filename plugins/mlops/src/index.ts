/**
 * The mlops frontend plugin: the ML Models page, the Training and Health tabs
 * of `ml-model` entities, and Overview cards for models, notebooks and
 * pipelines.
 *
 * The named exports are for the legacy frontend system; the default export is
 * the new frontend system's plugin, which apps with `app.packages: all` pick
 * up on their own.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  mlopsPlugin,
  EntityMlopsTrainingContent,
  EntityMlopsHealthContent,
  EntityMlopsModelStatusCard,
  EntityMlopsWorkbenchCard,
  EntityMlopsNotebookCard,
  EntityMlopsPipelineCard,
  MlopsModelsPage,
} from './plugin';
export { mlopsApiRef, MlopsClient } from './api';
export type {
  MlopsMutationRequest,
  MlopsApi,
  MlopsClientOptions,
  MlopsEntityRef,
  MlopsLiveStatus,
  MlopsLogRequest,
  MlopsLogResult,
  MlopsLogTarget,
  MlopsSummaryResult,
  MlopsTrainingRequest,
} from './api';
export {
  isMlModelEntity,
  isMlPipelineEntity,
  isMlopsAvailable,
  isNotebookEntity,
} from '@backstage-mlops/plugin-mlops-common';
