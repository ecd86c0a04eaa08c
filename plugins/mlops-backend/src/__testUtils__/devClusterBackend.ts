import type { JsonObject } from '@backstage/types';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DevCluster } from '@backstage-mlops/dev-cluster';
import { CustomObjectsApi } from '@kubernetes/client-node';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mlopsPlugin } from '../plugin';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
  mockMlopsClusterAccessServiceFactory,
} from '@backstage-mlops/plugin-mlops-node/testUtils';

/** The namespace of the seeded demo models. */
export const DEMO_NS = 'mlops-demo';

/** The team the seeded demo namespace allows (its mlops.backstage.io/allowed-owners). */
export const DEMO_TEAM = 'group:default/data-science-team';

/** A model entity of the seeded demo namespace, owned by `owner` (default {@link DEMO_TEAM}). */
export function demoModel(
  name: string,
  extra: Record<string, string> = {},
  owner = DEMO_TEAM,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'mlops.backstage.io/namespace': DEMO_NS,
        'mlops.backstage.io/inference-service': name,
        'mlops.backstage.io/build-config': `${name}-notebook`,
        'mlops.backstage.io/workbench': `${name}-workbench`,
        ...extra,
      },
    },
    spec: { type: 'ml-model', owner, lifecycle: 'production' },
  };
}

/**
 * The dev cluster as the Kubernetes plugin's config locator would hand it over: its URL
 * and CA, and the least-privilege backend ServiceAccount's token (or `token`).
 */
export function devClusterAccess(
  cluster: DevCluster,
  options: { name?: string; token?: string } = {},
) {
  return mockMlopsClusterAccessServiceFactory(
    mockMlopsClusterAccess([
      mockClusterDetails(options.name ?? 'dev', cluster.state.server, {
        caData: cluster.state.caData,
        serviceAccountToken: options.token ?? cluster.state.backendToken,
      }),
    ]),
  );
}

/**
 * The mlops backend plugin on the shared dev cluster, as the least-privilege
 * ServiceAccount, with the demo models in a mock catalog.
 */
export async function startDevClusterBackend(options: {
  cluster: DevCluster;
  result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  mlopsConfig?: JsonObject;
  entities?: Entity[];
  /** More features, e.g. the real actions registry. */
  features?: Parameters<typeof startTestBackend>[0]['features'];
}): Promise<{ server: Server; baseUrl: string }> {
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      ...(options.features ?? []),
      devClusterAccess(options.cluster),
      mockServices.rootConfig.factory({
        data: options.mlopsConfig ? { mlops: options.mlopsConfig } : {},
      }),
      mockServices.permissions.factory({
        result: options.result ?? AuthorizeResult.ALLOW,
      }),
      catalogServiceMock.factory({
        entities: options.entities ?? [
          demoModel('anomaly-detector'),
          demoModel('predictive-analytics'),
          demoModel('forecast-capacity'),
        ],
      }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

/** Polls until `probe` returns a value. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Waits until the backend's cache of the demo namespace is fresh. */
export async function waitUntilFresh(baseUrl: string, entity: string) {
  await waitFor(
    async () => {
      const res = await fetch(
        `${baseUrl}/api/mlops/entity/component/default/${entity}/training`,
      );
      const body = res.ok ? await res.json() : undefined;
      return body?.freshness?.every(
        (f: { state: string }) => f.state === 'fresh',
      )
        ? true
        : undefined;
    },
    30_000,
    'a fresh cache',
  );
}

/**
 * Creates a PipelineRun of the demo training pipeline for a model (as the admin), in
 * the seeded demo namespace or `namespace` (which must hold that Pipeline).
 */
export async function createTrainingRun(
  cluster: DevCluster,
  options: {
    name: string;
    model: string;
    annotations?: Record<string, string>;
    namespace?: string;
  },
) {
  const admin = cluster.kubeConfig('admin').makeApiClient(CustomObjectsApi);
  await admin.createNamespacedCustomObject({
    group: 'tekton.dev',
    version: 'v1',
    namespace: options.namespace ?? DEMO_NS,
    plural: 'pipelineruns',
    body: {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: {
        name: options.name,
        labels: { 'model-name': options.model },
        annotations: options.annotations,
      },
      spec: {
        pipelineRef: { name: 'model-training-pipeline' },
        params: [
          { name: 'model-name', value: options.model },
          { name: 'health-check-enabled', value: 'false' },
        ],
        workspaces: [
          {
            name: 'model-storage',
            persistentVolumeClaim: { claimName: 'model-storage-pvc' },
          },
        ],
      },
    },
  });
}
