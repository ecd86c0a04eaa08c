import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { MlopsObjectStore } from './cache/types';
import type { MlopsClusterClients } from './client/types';
import {
  mlopsClusterClientsServiceRef,
  mlopsObjectStoreServiceRef,
} from './services';
import { eventually } from './testUtils/FakeClusterClient';
import { json, startFakeApiServer } from './testUtils/fakeApiServer';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
  mockMlopsClusterAccessServiceFactory,
} from './testUtils/mockClusterAccess';

describe('mlops-node services', () => {
  it('start the object store with the backend for every cluster the Kubernetes plugin locates, and stop it on shutdown', async () => {
    // A cluster that serves only tekton.dev/v1 pipelineruns (with none of them).
    const server = await startFakeApiServer((req, res) => {
      if (req.path === '/apis/tekton.dev/v1') {
        json(res, 200, { resources: [{ name: 'pipelineruns' }] });
      } else if (
        req.path === '/apis/tekton.dev/v1/pipelineruns' &&
        !req.query.watch
      ) {
        json(res, 200, { metadata: { resourceVersion: '5' }, items: [] });
      } else if (req.query.watch) {
        res.write('\n'); // a watch that stays open
      } else {
        json(res, 404, { kind: 'Status', code: 404, message: 'not found' });
      }
    });
    let store: MlopsObjectStore | undefined;
    let clients: MlopsClusterClients | undefined;
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({ data: {} }),
        mockMlopsClusterAccessServiceFactory(
          mockMlopsClusterAccess([
            mockClusterDetails('dev', server.url, {
              authProvider: 'localKubectlProxy',
            }),
          ]),
        ),
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: {
                objects: mlopsObjectStoreServiceRef,
                clusterClients: mlopsClusterClientsServiceRef,
              },
              async init({ objects, clusterClients }) {
                store = objects;
                clients = clusterClients;
              },
            });
          },
        }),
      ],
    });
    try {
      expect(clients!.forCluster('dev').cluster).toBe('dev');
      await eventually(
        () =>
          store!.status().find(s => s.kind === 'pipelineruns')?.freshness
            .state === 'fresh',
      );
      expect(
        store!.status().filter(s => s.freshness.state === 'not-installed'),
      ).toHaveLength(10); // this server has no /api/v1 either: no Namespaces, Pods or Events
    } finally {
      await backend.stop();
      await server.close();
    }
    await expect(
      store!.query({ cluster: 'dev', kind: 'pipelineruns', namespace: 'ns' }),
    ).rejects.toThrow('the mlops object store has stopped');
  });
});
