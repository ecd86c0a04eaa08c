import { capturingLogger } from '../testUtils/capturingLogger';
import {
  eventually,
  FakeClusterClient,
  networkError,
  statusError,
} from '../testUtils/FakeClusterClient';
import { KindInformer, type KindInformerSettings } from './KindInformer';
import type { MlopsObjectEvent } from './types';

const settings: KindInformerSettings = {
  maxObjects: 100,
  pageSize: 2,
  watchTimeoutSeconds: 60,
  watchIdleTimeoutMs: 90_000,
  backoff: { initialMs: 5, maxMs: 20 },
};

function run(name: string, model = 'm', namespace = 'ns') {
  return {
    metadata: {
      name,
      namespace,
      labels: { 'model-name': model },
      managedFields: [{ manager: 'x' }],
    },
    spec: { pipelineRef: { name: 'p' } },
  };
}

function setup(overrides?: Partial<KindInformerSettings>) {
  const client = new FakeClusterClient('dev');
  client.served.set('tekton.dev/v1', ['pipelineruns']);
  const events: MlopsObjectEvent[] = [];
  const logger = capturingLogger();
  const onNotFound = jest.fn();
  const onStale = jest.fn();
  const informer = KindInformer.create({
    cluster: 'dev',
    kind: 'pipelineruns',
    client,
    logger,
    settings: { ...settings, ...overrides },
    onEvent: e => events.push(e),
    onNotFound,
    onStale,
  });
  return { client, events, logger, informer, onNotFound, onStale };
}

const names = (objects: Array<{ metadata: { name: string } }>) =>
  objects.map(o => o.metadata.name).sort();

describe('KindInformer', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('lists every page, projects and indexes the objects, then watches from the list resourceVersion', async () => {
    const { client, events, informer, logger } = setup();
    for (const n of ['a', 'b', 'c', 'd', 'e'])
      client.put('pipelineruns', run(n, n < 'c' ? 'x' : 'y'));
    expect(informer.freshness()).toEqual({ state: 'syncing' });
    informer.start();
    stop = () => informer.stop();
    await eventually(() => client.watchOf('pipelineruns'));

    expect(client.listCalls.map(c => c.continue)).toEqual([
      undefined,
      '2',
      '4',
    ]);
    expect(informer.hasSynced).toBe(true);
    expect(informer.freshness()).toEqual({
      state: 'fresh',
      syncedAt: expect.any(String),
    });
    expect(
      names(informer.query('ns', undefined, { 'model-name': 'x' })),
    ).toEqual(['a', 'b']);
    expect(informer.query('ns', 'c')[0]).not.toHaveProperty(
      'metadata.managedFields',
    );
    expect(events.map(e => e.type)).toEqual([
      'ADDED',
      'ADDED',
      'ADDED',
      'ADDED',
      'ADDED',
    ]);
    expect(client.watchOf('pipelineruns')!.request).toMatchObject({
      resourceVersion: '105',
      allowBookmarks: true,
    });
    expect(logger.lines[0]).toMatch(
      /^info pipelineruns on cluster dev: 5 objects synced in \d+ ms/,
    );
  });

  it('lists and watches pods with the InferenceService label selector only', async () => {
    const client = new FakeClusterClient('dev');
    client.served.set('v1', ['pods']);
    const informer = KindInformer.create({
      cluster: 'dev',
      kind: 'pods',
      client,
      logger: capturingLogger(),
      settings,
      onEvent: () => {},
      onNotFound: () => {},
    });
    informer.start();
    stop = () => informer.stop();
    await eventually(() => client.watchOf('pods'));
    expect(client.listCalls.map(c => c.labelSelector)).toEqual([
      'serving.kserve.io/inferenceservice',
    ]);
    expect(client.watchOf('pods')!.request.labelSelector).toBe(
      'serving.kserve.io/inferenceservice',
    );
  });

  it('applies watch events and bookmarks and resumes from the last resourceVersion', async () => {
    const { client, events, informer } = setup();
    client.put('pipelineruns', run('a'));
    informer.start();
    stop = () => informer.stop();
    await eventually(() => client.watchOf('pipelineruns'));
    events.length = 0;

    client.emit(
      'pipelineruns',
      'ADDED',
      client.put('pipelineruns', run('b', 'x')),
    );
    client.emit(
      'pipelineruns',
      'MODIFIED',
      client.put('pipelineruns', run('a', 'x')),
    );
    client.emit('pipelineruns', 'BOOKMARK', {
      metadata: { resourceVersion: '150' },
    });
    expect(
      names(informer.query('ns', undefined, { 'model-name': 'x' })),
    ).toEqual(['a', 'b']);
    const deleted = client.remove('pipelineruns', 'ns', 'b')!;
    client.emit('pipelineruns', 'DELETED', deleted);
    expect(names(informer.query('ns'))).toEqual(['a']);
    expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED b',
      'MODIFIED a',
      'DELETED b',
    ]);

    client.watchOf('pipelineruns')!.end(); // the server ends the watch
    await eventually(
      () =>
        client.watches.length === 1 &&
        client.watchOf('pipelineruns')!.request.resourceVersion ===
          deleted.metadata!.resourceVersion,
    );
    expect(client.listCalls).toHaveLength(1); // no relist
  });

  it('relists on 410 Gone and reports what changed meanwhile', async () => {
    const { client, events, informer, logger } = setup();
    client.put('pipelineruns', run('a'));
    client.put('pipelineruns', run('b'));
    informer.start();
    stop = () => informer.stop();
    await eventually(() => client.watchOf('pipelineruns'));
    events.length = 0;

    client.remove('pipelineruns', 'ns', 'a');
    client.put('pipelineruns', run('b', 'changed'));
    client.put('pipelineruns', run('c'));
    client
      .watchOf('pipelineruns')!
      .fail(statusError('dev', 410, 'too old resource version'));
    await eventually(
      () => client.listCalls.length === 2 && client.watchOf('pipelineruns'),
    );

    expect(names(informer.query('ns'))).toEqual(['b', 'c']);
    expect(
      events.map(e => `${e.type} ${e.object.metadata.name}`).sort(),
    ).toEqual(['ADDED c', 'DELETED a', 'MODIFIED b']);
    expect(informer.freshness().state).toBe('fresh');
    expect(logger.lines.join('\n')).toContain('expired (410 Gone); relisting');
  });

  it('does not relist in a hot loop when every watch answers 410 at once', async () => {
    const { client, informer } = setup();
    client.put('pipelineruns', run('a'));
    for (let i = 0; i < 50; i++) {
      client.watchErrors.push(
        statusError('dev', 410, 'too old resource version'),
      );
    }
    informer.start();
    stop = () => informer.stop();
    await new Promise(r => setTimeout(r, 100));
    // backoff 5, 10, 20, 20… ms between relists after the first: a handful, not hundreds
    expect(client.listCalls.length).toBeLessThan(12);
    expect(client.listCalls.length).toBeGreaterThan(2);
  });

  it('goes stale when it cannot reconnect, keeps serving the cached objects, and is fresh again once it can', async () => {
    const { client, informer, logger, onStale } = setup();
    client.put('pipelineruns', run('a'));
    informer.start();
    stop = () => informer.stop();
    await eventually(() => client.watchOf('pipelineruns'));
    await new Promise(r => setTimeout(r, 1010)); // the watch has been up a while

    client.unreachable = true;
    const brokeAt = Date.now();
    client.watchOf('pipelineruns')!.fail(networkError('dev'));
    const stale = await eventually(() => {
      const f = informer.freshness();
      return f.state === 'stale' ? f : undefined;
    });
    expect(stale).toEqual({
      state: 'stale',
      syncedAt: stale.staleSince,
      staleSince: expect.any(String),
      reason: expect.stringContaining('cluster dev is unreachable'),
    });
    expect(Math.abs(Date.parse(stale.staleSince!) - brokeAt)).toBeLessThan(100);
    expect(names(informer.query('ns'))).toEqual(['a']);
    expect(logger.lines.join('\n')).toContain(
      'watch down, serving cached objects',
    );
    expect(onStale).toHaveBeenCalledTimes(1); // once per outage, not per retry

    client.unreachable = false;
    await eventually(() => informer.freshness().state === 'fresh');
    expect(informer.freshness().staleSince).toBeUndefined();
    expect(logger.lines.join('\n')).toMatch(/watching again after \d+ s stale/);
  });

  it('reports a kind that never synced as stale with the reason, without syncedAt', async () => {
    const { client, informer } = setup();
    client.unreachable = true;
    informer.start();
    stop = () => informer.stop();
    const f = await eventually(() => {
      const x = informer.freshness();
      return x.state === 'stale' ? x : undefined;
    });
    expect(f.syncedAt).toBeUndefined();
    expect(informer.hasSynced).toBe(false);
    const calls = client.listCalls.length;
    await new Promise(r => setTimeout(r, 60));
    // backoff: 5, 10, 20, 20 ms… — retried, but not in a hot loop
    expect(client.listCalls.length - calls).toBeLessThan(8);
    expect(client.listCalls.length - calls).toBeGreaterThan(0);
  });

  it('asks for discovery again on 404', async () => {
    const { client, informer, onNotFound } = setup();
    client.served.clear();
    informer.start();
    stop = () => informer.stop();
    await eventually(() => onNotFound.mock.calls.length > 0);
    expect(informer.hasSynced).toBe(false);
  });

  it('stops caching a kind beyond the object limit and says so once', async () => {
    const { client, informer, logger } = setup({ maxObjects: 3 });
    for (const n of ['a', 'b', 'c', 'd']) client.put('pipelineruns', run(n));
    informer.start();
    stop = () => informer.stop();
    await eventually(() => informer.isOverLimit);
    expect(informer.size).toBe(0);
    expect(informer.hasSynced).toBe(false);
    expect(informer.freshness()).toMatchObject({
      state: 'fresh',
      reason: expect.stringContaining(
        'not cached: more than 3 objects (mlops.cache.maxObjectsPerKind)',
      ),
    });
    expect(logger.lines.filter(l => l.startsWith('warn'))).toHaveLength(1);
  });

  it('stops caching when watch events push it over the limit', async () => {
    const { client, informer } = setup({ maxObjects: 2 });
    client.put('pipelineruns', run('a'));
    informer.start();
    stop = () => informer.stop();
    await eventually(() => client.watchOf('pipelineruns'));
    client.emit('pipelineruns', 'ADDED', client.put('pipelineruns', run('b')));
    expect(informer.size).toBe(2);
    client.emit('pipelineruns', 'ADDED', client.put('pipelineruns', run('c')));
    await eventually(() => informer.isOverLimit);
    expect(informer.size).toBe(0);
    expect(client.watches).toHaveLength(0);
  });

  it('stop() ends the watch and the loop', async () => {
    const { client, informer } = setup();
    informer.start();
    await eventually(() => client.watchOf('pipelineruns'));
    const watch = client.watchOf('pipelineruns')!;
    await informer.stop();
    expect(watch.request.signal?.aborted).toBe(true);
    expect(client.watches).toHaveLength(0);
  });
});
