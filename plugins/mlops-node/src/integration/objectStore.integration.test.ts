import type { DefaultMlopsObjectStore } from '../cache/DefaultMlopsObjectStore';
import type { MlopsObjectEvent } from '../cache/types';
import type { MlopsClusterClient } from '../client/types';
import {
  MLOPS_RESOURCE_KINDS,
  type MlopsResourceKindId,
} from '../kinds/resourceKinds';
import {
  adminClient,
  backendStore,
  DevCluster,
  ensureNamespace,
  pipelineRun,
  waitFor,
} from './__testUtils__/devClusterSetup';

// The watch-backed object store against the seeded dev cluster, as the backend
// ServiceAccount: initial sync, watch events reflected within a second, cold queries
// answered from the API server, and no credential in any log line.

const ns = 'it-mlops-node-store';
const { pipelineruns } = MLOPS_RESOURCE_KINDS;
const KINDS = Object.keys(MLOPS_RESOURCE_KINDS) as MlopsResourceKindId[];
let cluster: DevCluster;
let admin: MlopsClusterClient;
let store: DefaultMlopsObjectStore;
let logLines: string[];
let syncMs: number;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  admin = adminClient(cluster);
  await ensureNamespace(admin, ns);
  const started = Date.now();
  const made = backendStore(cluster);
  store = made.store;
  logLines = made.logger.lines;
  await waitFor(
    () =>
      store.status().length === KINDS.length &&
      store.status().every(s => s.freshness.state === 'fresh'),
  );
  syncMs = Date.now() - started;
});

afterAll(async () => {
  await store?.stop();
  await admin.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns}` });
});

async function names(
  kind: MlopsResourceKindId,
  namespace: string,
  labels?: Record<string, string>,
) {
  const { items } = await store.query({
    cluster: 'dev',
    kind,
    namespace,
    labels,
  });
  return items.map(i => i.metadata.name).sort();
}

describe('object store against the dev cluster', () => {
  it('syncs every kind of the seeded cluster and answers like the API server does', async () => {
    process.stdout.write(
      `[mlops-node] sync of the seeded cluster (8 kinds): ${syncMs} ms; ${store
        .status()
        .map(s => `${s.kind}=${s.objects}`)
        .join(' ')}\n`,
    );
    expect(syncMs).toBeLessThan(10_000);
    // Other suites add runs to the shared cluster: compare with what the API server
    // lists at the same moment (the cache follows within milliseconds).
    const sameAsApi = async (model: string) => {
      const api = await admin.listObjects({
        resource: pipelineruns,
        namespace: 'mlops-demo',
        labelSelector: `model-name=${model}`,
      });
      const answer = await store.query({
        cluster: 'dev',
        kind: 'pipelineruns',
        namespace: 'mlops-demo',
        labels: { 'model-name': model },
      });
      expect(answer.source).toBe('cache');
      expect(answer.freshness).toEqual({
        state: 'fresh',
        syncedAt: expect.any(String),
      });
      // projected: no managedFields, no last-applied-configuration
      expect(JSON.stringify(answer.items)).not.toContain('managedFields');
      const cached = answer.items.map(i => i.metadata.name).sort();
      const listed = api.items.map(i => i.metadata!.name!).sort();
      return cached.join() === listed.join();
    };
    for (const model of [
      'anomaly-detector',
      'predictive-analytics',
      'forecast-capacity',
    ]) {
      await waitFor(() => sameAsApi(model));
    }
    const seeded = await names('pipelineruns', 'mlops-demo', {
      'model-name': 'anomaly-detector',
    });
    expect(seeded.length).toBeGreaterThanOrEqual(16);
    const isvc = await store.query({
      cluster: 'dev',
      kind: 'inferenceservices',
      namespace: 'mlops-demo',
      name: 'predictive-analytics',
    });
    expect(isvc.items[0].spec.predictor.form).toBe('model');
    const wb = await store.query({
      cluster: 'dev',
      kind: 'notebooks',
      namespace: 'mlops-demo',
      name: 'anomaly-detector-workbench',
    });
    expect(wb.items[0].spec.image).toContain('anomaly-detector-notebook');
  });

  it('reflects a create, a patch and a delete by the admin in the next query within 1 s', async () => {
    const events: MlopsObjectEvent[] = [];
    const unsubscribe = store.subscribe(e => {
      if (e.object.metadata.namespace === ns) events.push(e);
    });
    const latencies: number[] = [];
    // From sending the change to the admin's API call until a query shows it.
    const timed = async (
      change: () => Promise<unknown>,
      seen: () => Promise<boolean>,
    ) => {
      const t0 = Date.now();
      await change();
      await waitFor(seen, { timeoutMs: 5000, intervalMs: 2 });
      latencies.push(Date.now() - t0);
    };

    await timed(
      () =>
        admin.createObject({
          resource: pipelineruns,
          namespace: ns,
          body: pipelineRun('it-live', 'live-model'),
        }),
      async () =>
        (
          await names('pipelineruns', ns, { 'model-name': 'live-model' })
        ).includes('it-live'),
    );
    await timed(
      () =>
        admin.patchObject({
          resource: pipelineruns,
          namespace: ns,
          name: 'it-live',
          patch: { metadata: { labels: { 'model-name': 'renamed' } } },
        }),
      async () =>
        (
          await names('pipelineruns', ns, { 'model-name': 'renamed' })
        ).includes('it-live'),
    );
    expect(
      await names('pipelineruns', ns, { 'model-name': 'live-model' }),
    ).toEqual([]);
    await timed(
      () =>
        admin.request({
          method: 'DELETE',
          path: `/apis/tekton.dev/v1/namespaces/${ns}/pipelineruns/it-live`,
        }),
      async () => (await names('pipelineruns', ns)).length === 0,
    );
    unsubscribe();
    process.stdout.write(
      `[mlops-node] change sent → visible in a query: ${latencies.join(
        ', ',
      )} ms\n`,
    );
    for (const ms of latencies) expect(ms).toBeLessThan(1000);
    expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED it-live',
      'MODIFIED it-live',
      'DELETED it-live',
    ]);
  });

  it('answers a cold query (before its kind has synced) from the API server, correctly', async () => {
    const cold = backendStore(cluster);
    try {
      const first = await cold.store.query({
        cluster: 'dev',
        kind: 'pipelineruns',
        namespace: 'mlops-demo',
        labels: { 'model-name': 'forecast-capacity' },
      });
      expect(first.source).toBe('api');
      expect(first.freshness.state).toBe('syncing');
      const warm = await store.query({
        cluster: 'dev',
        kind: 'pipelineruns',
        namespace: 'mlops-demo',
        labels: { 'model-name': 'forecast-capacity' },
      });
      expect(first.items.map(i => i.metadata.name).sort()).toEqual(
        warm.items.map(i => i.metadata.name).sort(),
      );
      expect(first.items.length).toBeGreaterThanOrEqual(10);
      const byName = await cold.store.query({
        cluster: 'dev',
        kind: 'inferenceservices',
        namespace: 'mlops-demo',
        name: 'anomaly-detector',
      });
      expect(byName.items.map(i => i.metadata.name)).toEqual([
        'anomaly-detector',
      ]);
    } finally {
      await cold.store.stop();
    }
  });

  it('never logs the credentials', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(cluster.state.backendToken);
  });
});
