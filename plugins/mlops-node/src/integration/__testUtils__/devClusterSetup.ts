// Helpers of the integration suites: config, clients and an object store for a dev
// cluster, as the least-privilege backend identity (its ServiceAccount token and the
// cluster CA), plus an admin client (client certificate, through a kubeconfig).
import { ConfigReader } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  DefaultMlopsObjectStore,
  type DefaultMlopsObjectStoreOptions,
} from '../../cache/DefaultMlopsObjectStore';
import { DefaultMlopsClusterClients } from '../../client/DefaultMlopsClusterClients';
import type { MlopsClusterClient } from '../../client/types';
import { DefaultMlopsClusterRegistry } from '../../clusters/DefaultMlopsClusterRegistry';
import type { MlopsKubernetesClusterAccess } from '../../clusters/types';
import { capturingLogger } from '../../testUtils/capturingLogger';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
  mockMlopsClusterAccessFromKubeconfig,
  mockMlopsClusterClients,
  type MockClusterDetailsOptions,
} from '../../testUtils/mockClusterAccess';

export { DevCluster };

/**
 * The cluster as the Kubernetes plugin would hand it over: its URL and CA, and the
 * least-privilege backend ServiceAccount's token as its `serviceAccount` credential.
 */
export function backendAccess(
  cluster: DevCluster,
  name = 'dev',
  extra: MockClusterDetailsOptions & { url?: string } = {},
): MlopsKubernetesClusterAccess {
  return mockMlopsClusterAccess([
    mockClusterDetails(name, extra.url ?? cluster.state.server, {
      caData: cluster.state.caData,
      serviceAccountToken: cluster.state.backendToken,
      ...extra,
    }),
  ]);
}

/** The backend's clients and a started object store for the cluster. */
export function backendStore(
  cluster: DevCluster,
  options: Partial<DefaultMlopsObjectStoreOptions> & {
    name?: string;
    requestTimeoutMs?: number;
  } = {},
) {
  const { name = 'dev', requestTimeoutMs, ...storeOptions } = options;
  const logger = capturingLogger();
  const clusterRegistry = DefaultMlopsClusterRegistry.create({
    access: backendAccess(cluster, name),
    config: new ConfigReader({}),
    logger,
  });
  const clusterClients = DefaultMlopsClusterClients.create({
    registry: clusterRegistry,
    requestTimeoutMs,
  });
  const store = DefaultMlopsObjectStore.create({
    logger,
    clusterRegistry,
    clusterClients,
    ...storeOptions,
  });
  return { store, logger, client: clusterClients.forCluster(name) };
}

/** An admin client (client certificate through a kubeconfig); `direct` bypasses the shim. */
export function adminClient(
  cluster: DevCluster,
  direct = false,
): MlopsClusterClient {
  return mockMlopsClusterClients(
    mockMlopsClusterAccessFromKubeconfig(
      'admin',
      direct ? cluster.state.directKubeconfig : cluster.state.adminKubeconfig,
    ),
  ).forCluster('admin');
}

/** Polls until the probe returns something truthy. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 10 } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

export const NAMESPACES = { group: '', version: 'v1', plural: 'namespaces' };

/** Creates a namespace as the admin (idempotent). */
export async function ensureNamespace(admin: MlopsClusterClient, name: string) {
  await admin
    .createObject({
      resource: NAMESPACES,
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    })
    .catch(error => {
      if (!(error instanceof ConflictError)) throw error;
    });
}

/** A minimal valid tekton.dev/v1 PipelineRun the simulator leaves alone. */
export function pipelineRun(
  name: string,
  model: string,
  extraLabels: Record<string, string> = {},
) {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name,
      labels: {
        'model-name': model,
        'sim.mlops.dev/skip': 'true',
        ...extraLabels,
      },
    },
    spec: { pipelineRef: { name: 'model-training-pipeline' } },
  };
}
