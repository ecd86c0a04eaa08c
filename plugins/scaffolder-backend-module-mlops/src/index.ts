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
  createManifestsApplyAction,
  type ManifestsApplyActionOptions,
  MANIFESTS_FIELD_MANAGER,
} from './actions/manifestsApply';
export {
  createPublishLocalAction,
  type PublishLocalActionOptions,
} from './actions/publishLocal';
export {
  createCatalogRegisterAction,
  type CatalogRegisterActionOptions,
} from './actions/catalogRegister';
export { createLocalPublishActions } from './actions/localPublishActions';
export {
  readLocalPublishConfig,
  type LocalPublishConfig,
} from './publish/readLocalPublishConfig';
