/**
 * Backend-side services of backstage-mlops shared by the backend plugin and its
 * catalog and scaffolder modules.
 *
 * @packageDocumentation
 */
export * from './clusters/types';
export {
  DefaultMlopsClusterRegistry,
  type DefaultMlopsClusterRegistryOptions,
} from './clusters/DefaultMlopsClusterRegistry';
export { KubernetesClusterAccessHolder } from './kubernetes/KubernetesClusterAccessHolder';
export { mlopsKubernetesClusterAccessServiceRef } from './kubernetes/kubernetesClusterAccessServiceRef';
export { kubernetesModuleMlopsClusters } from './kubernetes/kubernetesModuleMlopsClusters';
export * from './client/types';
export {
  DefaultMlopsClusterClients,
  type DefaultMlopsClusterClientsOptions,
} from './client/DefaultMlopsClusterClients';
export {
  MlopsClusterApiError,
  clusterApiStatusOf,
} from './client/MlopsClusterApiError';
export {
  mlopsClusterRegistryServiceRef,
  mlopsClusterClientsServiceRef,
  mlopsScaffolderClusterClientsServiceRef,
  mlopsObjectStoreServiceRef,
  mlopsEntityResolverServiceRef,
} from './services';
export {
  MlopsModelMutations,
  clusterWriteAudit,
  type MlopsMutationEntryPoint,
  type MlopsModelMutationRequest,
  type MlopsMutationTarget,
  type MlopsModelMutationOutcome,
  type MlopsModelMutationSteps,
} from './mutations/MlopsModelMutations';
export * from './entities/types';
export { DefaultMlopsEntityResolver } from './entities/DefaultMlopsEntityResolver';
export * from './kinds/objectMeta';
export * from './kinds/tekton';
export * from './kinds/notebookValidationJob';
export * from './kinds/openshiftBuild';
export * from './kinds/kserve';
export * from './kinds/workbench';
export * from './kinds/namespace';
export * from './kinds/pod';
export * from './kinds/event';
export * from './kinds/resourceKinds';
export { toSlimMlopsObject } from './kinds/toSlimMlopsObject';
export * from './cache/types';
export {
  DefaultMlopsObjectStore,
  type DefaultMlopsObjectStoreOptions,
} from './cache/DefaultMlopsObjectStore';
export { MlopsClusterWrites } from './clusterWrites/MlopsClusterWrites';
export * from './clusterWrites/types';
export * from './status/time';
export * from './status/conditions';
export * from './status/nameValues';
export * from './status/tekton';
export * from './status/kserve';
export * from './status/validation';
export * from './status/build';
export * from './status/workbench';
export * from './prometheus/types';
export { DefaultMlopsPrometheusClient } from './prometheus/DefaultMlopsPrometheusClient';
export {
  servingMetricQueries,
  servingMetricsResolution,
  servingDayQuery,
} from './prometheus/servingMetricsQueries';
export * from './status/pod';
export * from './status/events';
export * from './status/servingProgress';
