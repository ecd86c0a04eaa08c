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
