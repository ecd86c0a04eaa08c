/**
 * Scaffolder module of backstage-mlops: the `mlops:*` template actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMlops as default } from './module';
export {
  createClusterCheckAction,
  type ClusterCheckActionOptions,
} from './actions/clusterCheck';
export {
  createNamespaceAllowOwnerAction,
  type NamespaceAllowOwnerActionOptions,
} from './actions/namespaceAllowOwner';
export {
  createManifestsApplyAction,
  type ManifestsApplyActionOptions,
  MANIFESTS_FIELD_MANAGER,
} from './actions/manifestsApply';
export { createTrainingRunAction } from './actions/trainingRun';
export { createNotebookValidateAction } from './actions/notebookValidate';
export { createBuildStartAction } from './actions/buildStart';
export {
  type RunActionOptions,
  DEFAULT_POLL_INTERVAL_MS,
} from './actions/runActionOptions';
export {
  type InitiatorAccessOptions,
  DEFAULT_ENTITY_WAIT_MS,
} from './runs/initiatorAccess';
export type { TrainingRunStatus } from './runs/runObservations';
