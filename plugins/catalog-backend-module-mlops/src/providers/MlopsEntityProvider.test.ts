import type { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type {
  MlopsCachedObjects,
  MlopsObjectEvent,
  MlopsObjectQuery,
  MlopsObjectQueryResult,
  MlopsObjectStore,
  MlopsResourceKindId,
  MlopsSlimObjects,
} from '@backstage-mlops/plugin-mlops-node';
import type { HandWrittenIndex } from './HandWrittenIndex';
import { coordinateKey } from './handWrittenKeys';
import { MlopsEntityProvider } from './MlopsEntityProvider';
import type { NamespaceMetadataReader } from './NamespaceMetadataReader';
import type { MlopsEntityProviderConfig } from './readMlopsProviderConfig';

// The provider class on its own: a fake object store (objects per kind, a synced flag,
// events), a fake catalog connection recording every mutation, no cluster.

type AnyObject = MlopsSlimObjects[MlopsResourceKindId];

/** An in-memory object store: `set`/`remove` change the objects and emit events. */
class FakeObjectStore implements MlopsObjectStore {
  synced = false;
  private readonly objects = new Map<string, AnyObject[]>();
  private readonly listeners = new Set<(event: MlopsObjectEvent) => void>();

  set(cluster: string, kind: MlopsResourceKindId, object: AnyObject) {
    const key = `${cluster}/${kind}`;
    const before = this.objects.get(key) ?? [];
    const others = before.filter(
      o =>
        o.metadata.name !== object.metadata.name ||
        o.metadata.namespace !== object.metadata.namespace,
    );
    this.objects.set(key, [...others, object]);
    const existed = others.length < before.length;
    this.emit({ cluster, kind, type: existed ? 'MODIFIED' : 'ADDED', object });
  }

  remove(cluster: string, kind: MlopsResourceKindId, object: AnyObject) {
    const key = `${cluster}/${kind}`;
    this.objects.set(
      key,
      (this.objects.get(key) ?? []).filter(
        o =>
          o.metadata.name !== object.metadata.name ||
          o.metadata.namespace !== object.metadata.namespace,
      ),
    );
    this.emit({ cluster, kind, type: 'DELETED', object });
  }

  private emit(event: MlopsObjectEvent) {
    for (const listener of this.listeners) listener(event);
  }

  async query<K extends MlopsResourceKindId>(
    query: MlopsObjectQuery<K>,
  ): Promise<MlopsObjectQueryResult<K>> {
    const items = (this.objects.get(`${query.cluster}/${query.kind}`) ??
      []) as Array<MlopsSlimObjects[K]>;
    return {
      items: items.filter(o => o.metadata.namespace === query.namespace),
      freshness: { state: 'fresh' },
      source: 'cache',
    };
  }

  listCached<K extends MlopsResourceKindId>(query: {
    cluster: string;
    kind: K;
  }): MlopsCachedObjects<K> {
    const items = (this.objects.get(`${query.cluster}/${query.kind}`) ??
      []) as Array<MlopsSlimObjects[K]>;
    return this.synced
      ? { items, synced: true, freshness: { state: 'fresh' } }
      : { items: [], synced: false, freshness: { state: 'syncing' } };
  }

  status() {
    return [];
  }

  subscribe(listener: (event: MlopsObjectEvent) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/**
 * Hand-written entities by coordinate key; `describe` changes them and tells
 * listeners. `read` answers with `nextRead` (the catalog's answer), counting reads.
 */
class FakeHandWritten {
  private readonly keys = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private wasRead = false;
  reads = 0;
  started = false;
  nextRead: () => Promise<void> = async () => {};
  find(keys: string[]) {
    return keys.map(k => this.keys.get(k)).find(Boolean);
  }
  hasRead() {
    return this.wasRead;
  }
  async read() {
    this.reads++;
    await this.nextRead();
    this.wasRead = true;
    return false;
  }
  start() {
    this.started = true;
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  describe(key: string, ref: string) {
    this.keys.set(key, ref);
    this.listeners.forEach(l => l());
  }
}

const meta = (name: string, namespace: string, labels = {}) => ({
  name,
  namespace,
  uid: `uid-${namespace}-${name}`,
  resourceVersion: '1',
  labels,
});
const isvc = (name: string, namespace: string) => ({
  metadata: meta(name, namespace),
  spec: { predictor: {} },
});
const nvj = (name: string, namespace: string, model: string, path: string) => ({
  metadata: meta(name, namespace, { 'model-name': model }),
  spec: {
    notebook: { git: { url: 'https://git/x.git', ref: 'main' }, path },
    podConfig: { containerImage: 'img' },
  },
});

const config: MlopsEntityProviderConfig = {
  mode: 'opt-out',
  defaultOwner: 'group:default/ml-team',
  defaultLifecycle: 'production',
  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
  deltaDelayMs: 20,
  catalogCheckIntervalMs: 60_000,
};

function setup(
  overrides: Partial<MlopsEntityProviderConfig> = {},
  startDelayMs?: number,
) {
  const store = new FakeObjectStore();
  const handWritten = new FakeHandWritten();
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {},
  };
  let scheduled: (() => Promise<void>) | undefined;
  const taskRunner: SchedulerServiceTaskRunner = {
    run: async task => {
      scheduled = async () => {
        await task.fn(new AbortController().signal);
      };
    },
  };
  const namespaceReads = { get: 0, all: 0 };
  const namespaces = {
    get: async () => {
      namespaceReads.get++;
      return undefined;
    },
    all: async () => {
      namespaceReads.all++;
      return new Map();
    },
  } as unknown as NamespaceMetadataReader;
  const provider = MlopsEntityProvider.create({
    cluster: 'dev',
    config: { ...config, ...overrides },
    logger: mockServices.logger.mock(),
    taskRunner,
    objectStore: store,
    namespaces,
    handWritten: handWritten as unknown as HandWrittenIndex,
    startDelayMs: startDelayMs ?? 0,
  });
  return {
    store,
    handWritten,
    mutations,
    namespaceReads,
    provider,
    connect: () => provider.connect(connection),
    runSchedule: () => scheduled!(),
  };
}

const names = (entities: Array<{ entity: Entity }>) =>
  entities.map(e => e.entity.metadata.name).sort();

async function waitFor(probe: () => boolean, what: string) {
  const deadline = Date.now() + 2000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 2 s`);
    await new Promise(r => setTimeout(r, 5));
  }
}

const quiet = () => new Promise(r => setTimeout(r, config.deltaDelayMs * 5));

describe('MlopsEntityProvider', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => env.provider.stop());

  it('is named after its cluster and refuses a store without listCached', () => {
    expect(env.provider.getProviderName()).toBe('mlops-provider:dev');
    const { listCached: _, ...withoutListCached } = env.store;
    expect(() =>
      MlopsEntityProvider.create({
        cluster: 'dev',
        config,
        logger: mockServices.logger.mock(),
        taskRunner: { run: async () => {} },
        objectStore: {
          ...withoutListCached,
          query: env.store.query.bind(env.store),
          status: () => [],
          subscribe: () => () => {},
        },
        namespaces: {} as NamespaceMetadataReader,
        handWritten: env.handWritten as unknown as HandWrittenIndex,
        startDelayMs: 0,
      }),
    ).toThrow(/listCached/);
  });

  it('sends no full mutation while the cache is not synced', async () => {
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    await env.connect();
    await env.runSchedule();
    await quiet();
    expect(env.mutations).toEqual([]);
  });

  it('sends one full mutation of every namespace once synced, with its location key', async () => {
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    env.store.set('dev', 'inferenceservices', isvc('churn', 'team-b'));
    env.store.set(
      'dev',
      'notebookvalidationjobs',
      nvj('v1', 'team-b', 'churn', 'nb/eda.ipynb'),
    );
    env.store.set('other', 'inferenceservices', isvc('elsewhere', 'team-a'));
    env.store.synced = true;
    await env.connect();
    await env.runSchedule();

    const full = env.mutations.find(m => m.type === 'full');
    expect(full).toBeDefined();
    const entities = full!.type === 'full' ? full!.entities : [];
    expect(names(entities)).toEqual([
      'churn.team-b.dev',
      expect.stringMatching(/^eda\.churn\.team-b\.dev-[0-9a-f]{8}$/),
      'fraud.team-a.dev',
    ]);
    expect(new Set(entities.map(e => e.locationKey))).toEqual(
      new Set(['mlops-provider:dev']),
    );
    expect(env.handWritten.reads).toBe(1);
  });

  it('skips a full run while the catalog has never answered, and runs it with the last answer after that', async () => {
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    env.store.synced = true;
    env.handWritten.nextRead = async () => {
      throw new Error('catalog unavailable');
    };
    await env.connect();
    await env.runSchedule();
    expect(env.mutations.filter(m => m.type === 'full')).toEqual([]);

    env.handWritten.nextRead = async () => {};
    await env.runSchedule();
    env.handWritten.nextRead = async () => {
      throw new Error('catalog unavailable again');
    };
    await env.runSchedule();
    expect(env.mutations.filter(m => m.type === 'full')).toHaveLength(2);
  });

  it('starts after the start delay once synced: sends what the cache holds without the delta delay, then watch events', async () => {
    env.provider.stop();
    env = setup({ deltaDelayMs: 10_000 }, 300);
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    env.store.synced = true;
    const connectedAt = Date.now();
    await env.connect();
    // A watch event before the start changes nothing yet.
    env.store.set('dev', 'inferenceservices', isvc('early', 'team-a'));
    await new Promise(r => setTimeout(r, 150));
    expect(env.mutations).toEqual([]);
    expect(env.handWritten.started).toBe(false);

    await waitFor(() => env.mutations.length > 0, 'first delta');
    const elapsed = Date.now() - connectedAt;
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(1500);
    const [first] = env.mutations;
    expect(first.type === 'delta' ? names(first.added) : []).toEqual([
      'early.team-a.dev',
      'fraud.team-a.dev',
    ]);
    // The index of hand-written entities is read periodically from now on.
    expect(env.handWritten.started).toBe(true);

    // Later changes wait for the delta delay, to gather a burst of events.
    env.store.set('dev', 'inferenceservices', isvc('churn', 'team-a'));
    await new Promise(r => setTimeout(r, 300));
    expect(env.mutations).toHaveLength(1);
  });

  it('waits for the cache to sync and for the catalog to be read before it sends anything', async () => {
    let answer!: () => void;
    env.handWritten.nextRead = () =>
      new Promise<void>(resolve => {
        answer = resolve;
      });
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    await env.connect();
    await quiet();
    expect(env.handWritten.reads).toBe(0); // not before the cache is synced

    env.store.synced = true;
    await waitFor(() => env.handWritten.reads === 1, 'catalog read');
    await quiet();
    expect(env.mutations).toEqual([]);

    answer();
    await waitFor(() => env.mutations.length > 0, 'first delta');
    const [delta] = env.mutations;
    expect(delta.type === 'delta' ? names(delta.added) : []).toEqual([
      'fraud.team-a.dev',
    ]);
  });

  it('reads the namespaces with one list when a delta touches many of them', async () => {
    env.store.synced = true;
    await env.connect();
    await quiet();
    env.mutations.length = 0;
    env.namespaceReads.get = 0;
    env.namespaceReads.all = 0;

    env.store.set('dev', 'inferenceservices', isvc('one', 'team-a'));
    await waitFor(() => env.mutations.length > 0, 'small delta');
    expect(env.namespaceReads).toEqual({ get: 1, all: 0 });

    env.mutations.length = 0;
    for (let i = 0; i < 6; i++) {
      env.store.set('dev', 'inferenceservices', isvc(`m${i}`, `ns-${i}`));
    }
    await waitFor(() => env.mutations.length > 0, 'large delta');
    expect(env.namespaceReads).toEqual({ get: 1, all: 1 });
    const [delta] = env.mutations;
    expect(delta.type === 'delta' && delta.added).toHaveLength(6);
  });

  it('sends what a watch event changed as a delta of that namespace only', async () => {
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    env.store.set('dev', 'inferenceservices', isvc('churn', 'team-b'));
    env.store.synced = true;
    await env.connect();
    await env.runSchedule();
    await quiet(); // the start-up reconciliation
    env.mutations.length = 0;

    env.store.set('dev', 'inferenceservices', isvc('scoring', 'team-a'));
    await waitFor(() => env.mutations.length > 0, 'delta');
    expect(env.mutations).toHaveLength(1);
    const [delta] = env.mutations;
    expect(delta.type).toBe('delta');
    if (delta.type !== 'delta') return;
    expect(names(delta.added)).toEqual(['scoring.team-a.dev']);
    expect(delta.removed).toEqual([]);

    env.mutations.length = 0;
    env.store.remove('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    await waitFor(() => env.mutations.length > 0, 'removal');
    expect(env.mutations).toEqual([
      {
        type: 'delta',
        added: [],
        removed: [
          {
            entityRef: 'component:default/fraud.team-a.dev',
            locationKey: 'mlops-provider:dev',
          },
        ],
      },
    ]);
  });

  it('gathers the events of one window into one delta and ignores other clusters and kinds', async () => {
    env.store.synced = true;
    await env.connect();
    await quiet();
    env.mutations.length = 0;

    env.store.set('dev', 'inferenceservices', isvc('a', 'team-a'));
    env.store.set('dev', 'inferenceservices', isvc('b', 'team-b'));
    env.store.set('other', 'inferenceservices', isvc('c', 'team-a'));
    env.store.set('dev', 'taskruns', isvc('not-a-model', 'team-a'));
    await waitFor(() => env.mutations.length > 0, 'delta');
    await quiet();
    expect(env.mutations).toHaveLength(1);
    const [delta] = env.mutations;
    expect(delta.type === 'delta' && names(delta.added)).toEqual([
      'a.team-a.dev',
      'b.team-b.dev',
    ]);

    env.mutations.length = 0;
    env.store.set('other', 'inferenceservices', isvc('d', 'team-a'));
    await quiet();
    expect(env.mutations).toEqual([]);
  });

  it('sends nothing for an event that changes no entity', async () => {
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    env.store.synced = true;
    await env.connect();
    await waitFor(() => env.mutations.length > 0, 'start-up delta');
    env.mutations.length = 0;

    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    await quiet();
    expect(env.mutations).toEqual([]);
  });

  it('removes a discovered model once a hand-written entity describes it', async () => {
    env.store.set('dev', 'inferenceservices', isvc('fraud', 'team-a'));
    env.store.synced = true;
    await env.connect();
    await env.runSchedule();
    await quiet();
    env.mutations.length = 0;

    env.handWritten.describe(
      coordinateKey.modelName('dev', 'team-a', 'fraud'),
      'component:default/fraud-by-hand',
    );
    await waitFor(() => env.mutations.length > 0, 'delta');
    expect(env.mutations).toEqual([
      {
        type: 'delta',
        added: [],
        removed: [
          {
            entityRef: 'component:default/fraud.team-a.dev',
            locationKey: 'mlops-provider:dev',
          },
        ],
      },
    ]);
  });

  it('sends nothing after stop', async () => {
    env.store.synced = true;
    await env.connect();
    await quiet();
    env.mutations.length = 0;
    env.provider.stop();
    env.store.set('dev', 'inferenceservices', isvc('late', 'team-a'));
    await quiet();
    expect(env.mutations).toEqual([]);
  });
});
