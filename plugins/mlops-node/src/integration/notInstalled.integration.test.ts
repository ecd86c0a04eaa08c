import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DefaultMlopsObjectStore } from '../cache/DefaultMlopsObjectStore';
import type { MlopsClusterClient } from '../client/types';
import { MLOPS_RESOURCE_KINDS } from '../kinds/resourceKinds';
import {
  adminClient,
  backendStore,
  DevCluster,
  ensureNamespace,
  waitFor,
} from './__testUtils__/devClusterSetup';

// A cluster without Tekton (its CRDs are not installed): the Tekton kinds are reported
// as not installed, with a reason, and every other kind works.

const ns = 'it-no-tekton';
let cluster: DevCluster;
let admin: MlopsClusterClient;
let store: DefaultMlopsObjectStore;

beforeAll(async () => {
  cluster = await DevCluster.start({
    stateDir: mkdtempSync(join(tmpdir(), 'mlops-node-no-tekton-')),
    controllers: false,
    skipCrds: ['tekton.dev', 'triggers.tekton.dev'],
  });
  admin = adminClient(cluster);
  await ensureNamespace(admin, ns);
  store = backendStore(cluster, { name: 'edge' }).store;
}, 60_000);

afterAll(async () => {
  await store?.stop();
  await cluster?.stop();
});

describe('a cluster without Tekton', () => {
  it('reports the Tekton kinds as not installed and serves the others', async () => {
    await waitFor(() =>
      store
        .status()
        .every(
          s =>
            s.freshness.state === 'fresh' ||
            s.freshness.state === 'not-installed',
        ),
    );
    const states = Object.fromEntries(
      store.status().map(s => [s.kind, s.freshness.state]),
    );
    expect(states).toEqual({
      pipelineruns: 'not-installed',
      taskruns: 'not-installed',
      pipelines: 'not-installed',
      notebookvalidationjobs: 'fresh',
      buildconfigs: 'fresh',
      builds: 'fresh',
      inferenceservices: 'fresh',
      notebooks: 'fresh',
      // core v1: every cluster serves them
      namespaces: 'fresh',
      pods: 'fresh',
      events: 'fresh',
    });

    const runs = await store.query({
      cluster: 'edge',
      kind: 'pipelineruns',
      namespace: ns,
    });
    expect(runs).toEqual({
      items: [],
      freshness: {
        state: 'not-installed',
        reason:
          'tekton.dev/v1 pipelineruns is not served by cluster edge (Tekton is not installed)',
      },
      source: 'cache',
    });

    await admin.createObject({
      resource: MLOPS_RESOURCE_KINDS.inferenceservices,
      namespace: ns,
      body: {
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        metadata: {
          name: 'edge-model',
          labels: { 'model-name': 'edge-model' },
        },
        spec: {
          predictor: {
            model: {
              modelFormat: { name: 'sklearn' },
              storageUri: 'pvc://models/edge-model',
            },
          },
        },
      },
    });
    const isvc = await waitFor(async () => {
      const answer = await store.query({
        cluster: 'edge',
        kind: 'inferenceservices',
        namespace: ns,
        name: 'edge-model',
      });
      return answer.items.length ? answer : undefined;
    });
    expect(isvc.source).toBe('cache');
    expect(isvc.freshness.state).toBe('fresh');
    expect(isvc.items[0].spec.predictor).toMatchObject({
      form: 'model',
      storageUri: 'pvc://models/edge-model',
    });
  });

  it('answers a cold query of a kind the cluster does not serve as not installed, not as an error', async () => {
    const cold = backendStore(cluster, { name: 'edge' });
    try {
      const answer = await cold.store.query({
        cluster: 'edge',
        kind: 'taskruns',
        namespace: ns,
      });
      expect(answer.items).toEqual([]);
      expect(answer.freshness.state).toBe('not-installed');
      expect(answer.freshness.reason).toContain(
        'tekton.dev/v1 taskruns is not served by cluster edge',
      );
    } finally {
      await cold.store.stop();
    }
  });
});
