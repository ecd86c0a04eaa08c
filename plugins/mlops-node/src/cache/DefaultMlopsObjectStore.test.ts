import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { MlopsClusterClients } from '../client/types';
import { capturingLogger } from '../testUtils/capturingLogger';
import {
  clusterDetails,
  staticClusterRegistry,
} from '../testUtils/staticClusters';
import { eventually, FakeClusterClient } from '../testUtils/FakeClusterClient';
import { DefaultMlopsObjectStore } from './DefaultMlopsObjectStore';
import type { MlopsObjectEvent } from './types';

function run(name: string, model: string, namespace = 'ns') {
  return {
    metadata: {
      name,
      namespace,
      labels: { 'model-name': model, triggered: 'cron' },
    },
    spec: { pipelineRef: { name: 'p' } },
  };
}

function setup(options?: {
  maxObjectsPerKind?: number;
  discoveryIntervalMs?: number;
}) {
  const dev = new FakeClusterClient('dev');
  dev.served.set('tekton.dev/v1', ['pipelineruns', 'taskruns', 'pipelines']);
  dev.served.set('serving.kserve.io/v1beta1', ['inferenceservices']);
  dev.served.set('v1', ['namespaces']);
  const lab = new FakeClusterClient('lab');
  lab.unreachable = true;
  const clients: MlopsClusterClients = {
    forCluster: name =>
      (({ dev, lab } as Record<string, FakeClusterClient>)[name]),
  };
  const registry = staticClusterRegistry([
    clusterDetails('dev', 'https://dev', { serviceAccountToken: 'token-dev' }),
    clusterDetails('lab', 'https://lab', { serviceAccountToken: 'token-lab' }),
  ]);
  const store = DefaultMlopsObjectStore.create({
    logger: capturingLogger(),
    clusterRegistry: registry,
    clusterClients: clients,
    backoff: { initialMs: 5, maxMs: 20 },
    ...options,
  });
  return { dev, lab, store };
}

describe('DefaultMlopsObjectStore', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
  });

  it('answers a cold query from the API server, then from the cache once synced', async () => {
    const { dev, store } = setup();
    stop = () => store.stop();
    dev.put('pipelineruns', run('a', 'm1'));
    dev.put('pipelineruns', run('b', 'm2'));
    dev.put('pipelineruns', run('c', 'm1', 'other'));

    // Before discovery and sync: direct lists with the selectors.
    const [cold] = await Promise.all([
      store.query({
        cluster: 'dev',
        kind: 'pipelineruns',
        namespace: 'ns',
        labels: { 'model-name': 'm1' },
      }),
      store.query({
        cluster: 'dev',
        kind: 'pipelineruns',
        namespace: 'ns',
        name: 'b',
      }),
    ]);
    expect(cold).toEqual({
      items: [
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'a' }),
        }),
      ],
      freshness: { state: 'syncing' },
      source: 'api',
    });
    expect(dev.listCalls.find(c => c.labelSelector)).toMatchObject({
      namespace: 'ns',
      labelSelector: 'model-name=m1',
    });
    expect(dev.listCalls.find(c => c.fieldSelector)).toMatchObject({
      namespace: 'ns',
      fieldSelector: 'metadata.name=b',
    });

    await eventually(() => dev.watchOf('pipelineruns'));
    const warm = await store.query({
      cluster: 'dev',
      kind: 'pipelineruns',
      namespace: 'ns',
      labels: { 'model-name': 'm1', triggered: 'cron' },
    });
    expect(warm.source).toBe('cache');
    expect(warm.freshness.state).toBe('fresh');
    expect(warm.items.map(i => i.metadata.name)).toEqual(['a']);
    const calls = dev.listCalls.length;
    await store.query({
      cluster: 'dev',
      kind: 'pipelineruns',
      namespace: 'ns',
    });
    expect(dev.listCalls.length).toBe(calls); // a warm query costs no API request
  });

  it('keeps Namespaces (cluster-scoped) and answers them by name, without a namespace', async () => {
    const { dev, store } = setup();
    stop = () => store.stop();
    dev.put('namespaces', {
      metadata: {
        name: 'team-a',
        annotations: { 'mlops.backstage.io/allowed-owners': 'team-a' },
      },
    });
    dev.put('namespaces', { metadata: { name: 'team-b' } });

    const cold = await store.query({
      cluster: 'dev',
      kind: 'namespaces',
      name: 'team-a',
    });
    expect(cold.source).toBe('api');
    expect(dev.listCalls[0]).toMatchObject({
      namespace: undefined,
      fieldSelector: 'metadata.name=team-a',
    });
    expect(cold.items).toEqual([
      {
        metadata: expect.objectContaining({
          name: 'team-a',
          namespace: '',
          annotations: { 'mlops.backstage.io/allowed-owners': 'team-a' },
        }),
      },
    ]);

    await eventually(() => dev.watchOf('namespaces'));
    const calls = dev.listCalls.length;
    const warm = await store.query({
      cluster: 'dev',
      kind: 'namespaces',
      name: 'team-b',
    });
    expect(warm.source).toBe('cache');
    expect(warm.items.map(n => n.metadata.name)).toEqual(['team-b']);
    expect(dev.listCalls.length).toBe(calls);

    await expect(
      store.query({ cluster: 'dev', kind: 'namespaces', namespace: 'x' }),
    ).rejects.toThrow(
      'invalid object query: namespace must not be given: namespaces are cluster-scoped',
    );
    await expect(
      store.query({ cluster: 'dev', kind: 'pipelineruns' }),
    ).rejects.toThrow('invalid object query: namespace is required');
  });

  it('reports kinds the cluster does not serve as not installed', async () => {
    const { dev, store } = setup();
    stop = () => store.stop();
    await eventually(() => dev.watchOf('inferenceservices'));
    const result = await store.query({
      cluster: 'dev',
      kind: 'builds',
      namespace: 'ns',
    });
    expect(result).toEqual({
      items: [],
      freshness: {
        state: 'not-installed',
        reason:
          'build.openshift.io/v1 builds is not served by cluster dev (OpenShift builds are not available)',
      },
      source: 'cache',
    });
    const status = store.status().filter(s => s.cluster === 'dev');
    expect(
      Object.fromEntries(status.map(s => [s.kind, s.freshness.state])),
    ).toEqual({
      pipelineruns: 'fresh',
      taskruns: 'fresh',
      pipelines: 'fresh',
      notebookvalidationjobs: 'not-installed',
      buildconfigs: 'not-installed',
      builds: 'not-installed',
      inferenceservices: 'fresh',
      notebooks: 'not-installed',
      pods: 'not-installed',
      events: 'not-installed',
      namespaces: 'fresh',
    });
  });

  it('notices a kind installed later (periodic discovery)', async () => {
    const { dev, store } = setup({ discoveryIntervalMs: 20 });
    stop = () => store.stop();
    await eventually(() => dev.watchOf('inferenceservices'));
    expect(
      store.status().find(s => s.cluster === 'dev' && s.kind === 'builds')
        ?.freshness.state,
    ).toBe('not-installed');
    dev.served.set('build.openshift.io/v1', ['builds', 'buildconfigs']);
    await eventually(() => dev.watchOf('builds'));
    await eventually(
      () =>
        store.status().find(s => s.cluster === 'dev' && s.kind === 'builds')
          ?.freshness.state === 'fresh',
    );
  });

  it('fails a query of an unreachable cluster with nothing cached with ServiceUnavailableError naming it', async () => {
    const { store } = setup();
    stop = () => store.stop();
    await eventually(
      () =>
        store.status().find(s => s.cluster === 'lab')?.freshness.state ===
        'stale',
    );
    const lab = store.status().find(s => s.cluster === 'lab')!;
    expect(lab.freshness).toEqual({
      state: 'stale',
      staleSince: expect.any(String),
      reason: expect.stringContaining('cluster lab is unreachable'),
    });
    await expect(
      store.query({ cluster: 'lab', kind: 'pipelineruns', namespace: 'ns' }),
    ).rejects.toThrow(ServiceUnavailableError);
    await expect(
      store.query({ cluster: 'lab', kind: 'pipelineruns', namespace: 'ns' }),
    ).rejects.toThrow(/cluster lab is unreachable/);
  });

  it('rejects unknown clusters and bad queries', async () => {
    const { store } = setup();
    stop = () => store.stop();
    await expect(
      store.query({ cluster: 'nope', kind: 'pipelineruns', namespace: 'ns' }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      store.query({
        cluster: 'dev',
        kind: 'secrets' as 'pipelineruns',
        namespace: 'ns',
      }),
    ).rejects.toThrow(InputError);
    await expect(
      store.query({
        cluster: 'dev',
        kind: 'pipelineruns',
        namespace: 'Not_A_Namespace',
      }),
    ).rejects.toThrow('invalid object query: namespace');
    await expect(
      store.query({
        cluster: 'dev',
        kind: 'pipelineruns',
        namespace: 'ns',
        labels: { 'model-name': 'a,b=c' },
      }),
    ).rejects.toThrow('labels.model-name must be a label value');
  });

  it('delivers every change to subscribers until they unsubscribe', async () => {
    const { dev, store } = setup();
    stop = () => store.stop();
    const events: MlopsObjectEvent[] = [];
    const unsubscribe = store.subscribe(e => events.push(e));
    store.subscribe(() => {
      throw new Error('a broken subscriber does not stop the others');
    });
    await eventually(() => dev.watchOf('pipelineruns'));
    dev.emit('pipelineruns', 'ADDED', dev.put('pipelineruns', run('x', 'm')));
    dev.emit('pipelineruns', 'DELETED', dev.remove('pipelineruns', 'ns', 'x')!);
    unsubscribe();
    dev.emit('pipelineruns', 'ADDED', dev.put('pipelineruns', run('y', 'm')));
    expect(
      events.map(
        e => `${e.cluster} ${e.kind} ${e.type} ${e.object.metadata.name}`,
      ),
    ).toEqual(['dev pipelineruns ADDED x', 'dev pipelineruns DELETED x']);
  });

  it('answers an over-limit kind from the API server', async () => {
    const { dev, store } = setup({ maxObjectsPerKind: 1 });
    stop = () => store.stop();
    dev.put('pipelineruns', run('a', 'm'));
    dev.put('pipelineruns', run('b', 'm'));
    await eventually(
      () =>
        store
          .status()
          .find(s => s.cluster === 'dev' && s.kind === 'pipelineruns')
          ?.freshness.reason,
    );
    const result = await store.query({
      cluster: 'dev',
      kind: 'pipelineruns',
      namespace: 'ns',
    });
    expect(result.source).toBe('api');
    expect(result.items).toHaveLength(1); // bounded by the limit too
  });

  it('stops every watch, and refuses queries afterwards', async () => {
    const { dev, store } = setup();
    await eventually(() => dev.watches.length === 5); // 4 kinds + Namespaces
    await store.stop();
    expect(dev.watches).toHaveLength(0);
    await expect(
      store.query({ cluster: 'dev', kind: 'pipelineruns', namespace: 'ns' }),
    ).rejects.toThrow(ServiceUnavailableError);
    stop = undefined;
  });
});
