import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DefaultMlopsObjectStore } from '../cache/DefaultMlopsObjectStore';
import type { MlopsKindFreshness, MlopsObjectEvent } from '../cache/types';
import type { MlopsClusterClient } from '../client/types';
import { MLOPS_RESOURCE_KINDS } from '../kinds/resourceKinds';
import {
  adminClient,
  backendStore,
  DevCluster,
  ensureNamespace,
  pipelineRun,
  waitFor,
} from './__testUtils__/devClusterSetup';

// Outages on a cluster of its own (the shared one must stay up): the API server stopped
// and started again, a 410 Gone after an etcd compaction and an API server restart,
// and a hung connection (the shim frozen). The store keeps answering from memory while
// it cannot watch, says since when, and is fresh again once it can.

const ns = 'it-outage';
const { pipelineruns } = MLOPS_RESOURCE_KINDS;
let cluster: DevCluster;
let admin: MlopsClusterClient;

function freshnessOf(store: DefaultMlopsObjectStore): MlopsKindFreshness {
  // Nothing before the located clusters are read (the store starts them then).
  return (
    store.status().find(s => s.kind === 'pipelineruns')?.freshness ?? {
      state: 'syncing',
    }
  );
}

async function runNames(store: DefaultMlopsObjectStore) {
  const { items, freshness } = await store.query({
    cluster: 'dev',
    kind: 'pipelineruns',
    namespace: ns,
  });
  return { names: items.map(i => i.metadata.name).sort(), freshness };
}

beforeAll(async () => {
  cluster = await DevCluster.start({
    stateDir: mkdtempSync(join(tmpdir(), 'mlops-node-outage-')),
    controllers: false,
  });
  admin = adminClient(cluster);
  await ensureNamespace(admin, ns);
  for (const name of ['run-a', 'run-b']) {
    await admin.createObject({
      resource: pipelineruns,
      namespace: ns,
      body: pipelineRun(name, 'm'),
    });
  }
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('object store through outages', () => {
  it('answers stale (with staleSince and the cached items) while the API server is down, and fresh again after', async () => {
    const { store } = backendStore(cluster, {
      backoff: { initialMs: 100, maxMs: 1000 },
    });
    try {
      await waitFor(() => freshnessOf(store).state === 'fresh');
      await new Promise(r => setTimeout(r, 1200)); // the watches have been up a while

      const stoppedAt = Date.now();
      await cluster.stopComponent('apiserver');
      const stale = await waitFor(async () => {
        const answer = await runNames(store);
        return answer.freshness.state === 'stale' ? answer : undefined;
      });
      const detectedMs = Date.now() - stoppedAt;
      expect(stale.names).toEqual(['run-a', 'run-b']);
      expect(stale.freshness).toEqual({
        state: 'stale',
        syncedAt: stale.freshness.staleSince,
        staleSince: expect.any(String),
        reason: expect.stringContaining('cluster dev'),
      });
      // staleSince is when the watch was last known healthy: around the stop.
      expect(
        Math.abs(Date.parse(stale.freshness.staleSince!) - stoppedAt),
      ).toBeLessThan(5000);

      await new Promise(r => setTimeout(r, 1500));
      const later = await runNames(store);
      expect(later.freshness.staleSince).toBe(stale.freshness.staleSince); // still since then

      const startedAt = Date.now();
      await cluster.startComponent('apiserver');
      const fresh = await waitFor(
        async () => {
          const answer = await runNames(store);
          return answer.freshness.state === 'fresh' ? answer : undefined;
        },
        { timeoutMs: 30_000 },
      );
      const recoveredMs = Date.now() - startedAt;
      expect(fresh.names).toEqual(['run-a', 'run-b']);
      expect(fresh.freshness.staleSince).toBeUndefined();
      process.stdout.write(
        `[mlops-node] API server stopped → stale answer in ${detectedMs} ms; started (ready) → fresh in ${recoveredMs} ms; reason: ${stale.freshness.reason}\n`,
      );
    } finally {
      await store.stop();
    }
  });

  it('relists after 410 Gone (etcd compacted, API server restarted) and reports what changed meanwhile', async () => {
    const { store, logger } = backendStore(cluster, {
      backoff: { initialMs: 100, maxMs: 1000 },
    });
    const events: MlopsObjectEvent[] = [];
    store.subscribe(e => {
      if (e.kind === 'pipelineruns' && e.object.metadata.namespace === ns)
        events.push(e);
    });
    try {
      await waitFor(() => freshnessOf(store).state === 'fresh');
      events.length = 0;

      // The backend loses its watch (shim down) while the admin changes things behind it.
      await cluster.stopComponent('shim');
      const direct = adminClient(cluster, true);
      await direct.request({
        method: 'DELETE',
        path: `/apis/tekton.dev/v1/namespaces/${ns}/pipelineruns/run-a`,
      });
      await direct.createObject({
        resource: pipelineruns,
        namespace: ns,
        body: pipelineRun('run-c', 'm'),
      });
      // Expire every older resourceVersion: compact etcd, and restart the API server
      // so that its watch cache starts afresh.
      await cluster.stopComponent('apiserver');
      const revision = await cluster.compact();
      expect(revision).toBeGreaterThan(0);
      await cluster.startComponent('apiserver');
      await cluster.startComponent('shim');

      await waitFor(
        async () => (await runNames(store)).names.join() === 'run-b,run-c',
        { timeoutMs: 30_000 },
      );
      await waitFor(() => freshnessOf(store).state === 'fresh');
      const log = logger.lines.join('\n');
      expect(log).toMatch(
        /pipelineruns on cluster dev: resourceVersion \d+ expired \(410 Gone\); relisting/,
      );
      expect(log).toMatch(
        /pipelineruns on cluster dev: relisted \d+ objects in \d+ ms \(\d+ added, \d+ changed, \d+ deleted meanwhile\)/,
      );
      expect(
        events.map(e => `${e.type} ${e.object.metadata.name}`).sort(),
      ).toEqual(['ADDED run-c', 'DELETED run-a']);
    } finally {
      await store.stop();
    }
  });

  it('detects a hung connection (nothing arrives) with the idle timeout', async () => {
    const { store } = backendStore(cluster, {
      watchIdleTimeoutMs: 2000,
      requestTimeoutMs: 2000,
      backoff: { initialMs: 100, maxMs: 1000 },
    });
    let frozen = false;
    try {
      await waitFor(() => freshnessOf(store).state === 'fresh');
      await new Promise(r => setTimeout(r, 1200));
      const frozenAt = Date.now();
      await cluster.freezeComponent('shim', true);
      frozen = true;
      const stale = await waitFor(
        () => {
          const f = freshnessOf(store);
          return f.state === 'stale' ? f : undefined;
        },
        { timeoutMs: 15_000 },
      );
      const detectedMs = Date.now() - frozenAt;
      expect(stale.reason).toMatch(/hung connection|no answer within/);
      expect((await runNames(store)).names).toEqual(['run-b', 'run-c']);
      await cluster.freezeComponent('shim', false);
      frozen = false;
      await waitFor(() => freshnessOf(store).state === 'fresh', {
        timeoutMs: 15_000,
      });
      process.stdout.write(
        `[mlops-node] shim frozen → stale in ${detectedMs} ms (idle timeout 2 s); reason: ${stale.reason}\n`,
      );
    } finally {
      if (frozen) await cluster.freezeComponent('shim', false);
      await store.stop();
    }
  });
});
