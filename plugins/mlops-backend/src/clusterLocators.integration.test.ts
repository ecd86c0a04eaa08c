import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
} from '@backstage/plugin-kubernetes-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Server } from 'node:http';
import request from 'supertest';
import mlopsBackend from '.';
import { demoModel, waitFor } from './__testUtils__/devClusterBackend';
import {
  DevCluster,
  startKubectlProxy,
  type KubectlProxy,
} from '@backstage-mlops/dev-cluster';

// A cluster configured only for the Kubernetes plugin, under
// kubernetes.clusterLocatorMethods, with each locator the dev cluster can run for real:
// `config`, `catalog` (a kubernetes-cluster Resource entity) and `localKubectlProxy`
// (127.0.0.1:8001, where that locator looks), each in front of a real `kubectl proxy`
// holding the backend ServiceAccount's kubeconfig. The real Kubernetes backend plugin
// locates the cluster and gives the credential; nothing of the cluster is in
// mlops.clusters. Every tab's read (Training, Health, the summary) answers.
//
// The auth provider is localKubectlProxy in all three: the plugin's
// ServiceAccountStrategy loads client-node with a dynamic import(), which jest's VM
// cannot run (and with --experimental-vm-modules other dependencies fail to load), so
// serviceAccount runs in the portal (`./dev start`, e2e) and the other providers
// through their strategy objects (mlops-node's DefaultMlopsClusterRegistry.test.ts).

let cluster: DevCluster;
const proxies: KubectlProxy[] = [];

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
});

afterAll(async () => {
  await Promise.all(proxies.map(p => p.stop()));
});

const MODELS = [
  demoModel('anomaly-detector'),
  demoModel('predictive-analytics'),
  demoModel('forecast-capacity'),
];

async function startBackend(options: {
  locator: JsonObject;
  catalogEntities?: Entity[];
}): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      // The default export: the plugin and its module of the Kubernetes plugin.
      mlopsBackend,
      kubernetesPlugin,
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [options.locator],
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      catalogServiceMock.factory({
        entities: [...MODELS, ...(options.catalogEntities ?? [])],
      }),
    ],
  });
  return server;
}

/** Reads the Training, Health and summary of the seeded models; fails on a wrong answer. */
async function readEveryTab(server: Server, clusterName: string) {
  const status = await request(server).get('/api/mlops/clusters');
  expect(status.status).toBe(200);
  expect(status.body.clusters).toEqual([
    expect.objectContaining({ name: clusterName }),
  ]);
  expect(status.body.clusters[0].unusable).toBeUndefined();

  const training = await waitFor(
    async () => {
      const r = await request(server).get(
        '/api/mlops/entity/component/default/anomaly-detector/training',
      );
      return r.status === 200 &&
        r.body.freshness.length > 0 &&
        r.body.freshness.every((f: { state: string }) => f.state === 'fresh')
        ? r
        : undefined;
    },
    60_000,
    `a fresh Training answer from cluster ${clusterName}`,
  );
  expect(training.body.pipelineRuns.totalItems).toBeGreaterThanOrEqual(16);
  expect(training.body.builds.items[0].buildConfig).toBe(
    'anomaly-detector-notebook',
  );

  const health = await request(server).get(
    '/api/mlops/entity/component/default/anomaly-detector/health',
  );
  expect(health.status).toBe(200);
  expect(health.body.inferenceServices[0].name).toBe('anomaly-detector');

  const summary = await request(server)
    .post('/api/mlops/summary')
    .send({
      entityRefs: MODELS.map(m => `component:default/${m.metadata.name}`),
    });
  expect(summary.status).toBe(200);
  expect(summary.body.items).toHaveLength(3);
  expect(summary.body.items[0].serving.ready).toBe('True');
}

describe('clusters located by the Kubernetes plugin, on the dev cluster', () => {
  it('config locator', async () => {
    const proxy = await startKubectlProxy({
      kubeconfig: cluster.state.backendKubeconfig,
      port: 0,
    });
    proxies.push(proxy);
    const server = await startBackend({
      locator: {
        type: 'config',
        clusters: [
          {
            name: 'dev-config',
            url: proxy.url,
            authProvider: 'localKubectlProxy',
          },
        ],
      },
    });
    await expect(readEveryTab(server, 'dev-config')).resolves.toBeUndefined();
  });

  it('catalog locator: a kubernetes-cluster Resource, localKubectlProxy auth provider', async () => {
    const proxy = await startKubectlProxy({
      kubeconfig: cluster.state.backendKubeconfig,
      port: 0,
    });
    proxies.push(proxy);
    const clusterEntity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'dev-catalog',
        namespace: 'default',
        annotations: {
          [ANNOTATION_KUBERNETES_API_SERVER]: proxy.url,
          // The locator requires the annotation; kubectl proxy speaks plain http.
          [ANNOTATION_KUBERNETES_API_SERVER_CA]: cluster.state.caData,
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'platform' },
    };
    const server = await startBackend({
      locator: {
        type: 'catalog',
        // The proxy listens on loopback, which the locator refuses unless allowed.
        dangerouslyAllowClusterUrls: ['127.0.0.1'],
      },
      catalogEntities: [clusterEntity],
    });
    await expect(readEveryTab(server, 'dev-catalog')).resolves.toBeUndefined();
  });

  it('localKubectlProxy locator (kubectl proxy on 127.0.0.1:8001)', async () => {
    const proxy = await startKubectlProxy({
      kubeconfig: cluster.state.backendKubeconfig,
      port: 8001,
    });
    proxies.push(proxy);
    const server = await startBackend({
      locator: { type: 'localKubectlProxy' },
    });
    await expect(readEveryTab(server, 'local')).resolves.toBeUndefined();
  });
});
