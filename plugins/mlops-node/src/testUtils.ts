/**
 * Test doubles of backstage-mlops' cluster layer, for tests of backends that use it
 * without the Kubernetes backend plugin.
 *
 * @packageDocumentation
 */
export {
  mockMlopsClusterAccess,
  mockMlopsClusterAccessFromKubeconfig,
  mockMlopsClusterAccessServiceFactory,
  mockMlopsClusterClients,
  mockClusterDetails,
  type MockClusterDetailsOptions,
} from './testUtils/mockClusterAccess';
