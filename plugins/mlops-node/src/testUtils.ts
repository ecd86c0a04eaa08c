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
export {
  recordingAuditor,
  type RecordedAuditEvent,
} from './testUtils/recordingAuditor';
// The types the doubles take and give, as the main entry point exports them.
export type * from './clusters/types';
export type * from './client/types';
export type { KubernetesClusterAccessHolder } from './kubernetes/KubernetesClusterAccessHolder';
