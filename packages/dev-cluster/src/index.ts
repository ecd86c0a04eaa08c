/**
 * A real local Kubernetes control plane for tests, benchmarks and the demo.
 *
 * @packageDocumentation
 */
export {
  DevCluster,
  type DevClusterComponent,
  type DevClusterServiceResponse,
  type DevClusterStartOptions,
} from './DevCluster';
export type { DevClusterState } from './DevClusterState';
export { serveTestModel, type DevClusterTestModel } from './servedTestModel';
export { startKubectlProxy, type KubectlProxy } from './kubectlProxy';
