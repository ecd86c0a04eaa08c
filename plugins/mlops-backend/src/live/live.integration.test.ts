import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { MlopsLiveReady } from '@backstage-mlops/plugin-mlops-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  createTrainingRun,
  startDevClusterBackend,
  waitUntilFresh,
} from '../__testUtils__/devClusterBackend';
import { LiveStreamReader } from './__testUtils__/LiveStreamReader';

// The live-updates stream end to end: the backend plugin on the shared dev cluster,
// runs created here and completed by the simulated Tekton controller. Other suites
// share the cluster, so every assertion filters by the names this suite creates.

const ENTITY = 'component:default/anomaly-detector';

let cluster: DevCluster;
const readers: LiveStreamReader[] = [];

async function open(
  baseUrl: string,
  options: { lastEventId?: string; entityRefs?: string[] } = {},
) {
  const reader = await LiveStreamReader.open({
    baseUrl,
    entityRefs: options.entityRefs ?? [ENTITY],
    lastEventId: options.lastEventId,
  });
  readers.push(reader);
  return reader;
}

function ready(reader: LiveStreamReader) {
  return reader.waitFor(
    r => {
      const m = r.messages.find(x => x.event === 'ready');
      return m
        ? { ...(JSON.parse(m.data) as MlopsLiveReady), id: m.id }
        : undefined;
    },
    10_000,
    'the ready event',
  );
}

function statusesOf(reader: LiveStreamReader, name: string): string[] {
  return reader
    .changes()
    .filter(c => c.type === 'pipelineRun' && c.name === name)
    .map(c => (c.item as { status: string }).status);
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
});

afterEach(() => {
  readers.splice(0).forEach(r => r.close());
});

describe('live updates on the dev cluster', () => {
  it('delivers the transitions of a new PipelineRun until the simulated controller completes it', async () => {
    const { baseUrl } = await startDevClusterBackend({ cluster });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const reader = await open(baseUrl);
    expect(reader.response.status).toBe(200);
    expect(reader.response.headers.get('content-type')).toMatch(
      /^text\/event-stream/,
    );
    const first = await ready(reader);
    expect(first).toMatchObject({ entityRefs: [ENTITY], resumed: false });
    expect(reader.parser.retryMs).toBeGreaterThan(0);

    const name = `live-it-${Date.now()}`;
    await createTrainingRun(cluster, { name, model: 'anomaly-detector' });
    await reader.waitFor(
      r => (statusesOf(r, name).includes('Succeeded') ? true : undefined),
      60_000,
      `${name} Succeeded`,
    );
    const statuses = statusesOf(reader, name);
    expect(statuses).toContain('Running');
    expect(statuses.indexOf('Running')).toBeLessThan(
      statuses.indexOf('Succeeded'),
    );
    const last = reader
      .changes()
      .filter(c => c.name === name)
      .pop()!;
    expect(last).toMatchObject({
      type: 'pipelineRun',
      change: 'upsert',
      entityRef: ENTITY,
      cluster: 'dev',
      namespace: 'mlops-demo',
    });
    // TaskRun changes arrive as the run's summary, with its TaskRuns.
    expect(
      (last.item as { taskRuns: unknown[] }).taskRuns.length,
    ).toBeGreaterThan(0);
    // Objects of other models are not sent.
    expect(reader.changes().every(c => c.entityRef === ENTITY)).toBe(true);
  });

  it('resumes after a reconnect with Last-Event-ID, and asks for a resync when it cannot', async () => {
    const { baseUrl } = await startDevClusterBackend({ cluster });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const first = await open(baseUrl);
    const { id } = await ready(first);
    first.close();

    // Created while nobody is connected.
    const name = `live-resume-${Date.now()}`;
    await createTrainingRun(cluster, { name, model: 'anomaly-detector' });
    await new Promise(r => setTimeout(r, 1500));

    const resumed = await open(baseUrl, {
      lastEventId: first.parser.lastEventId ?? id,
    });
    expect((await ready(resumed)).resumed).toBe(true);
    // The missed changes are replayed, then the stream goes on live.
    await resumed.waitFor(
      r => (statusesOf(r, name).includes('Succeeded') ? true : undefined),
      60_000,
      `${name} after resume`,
    );
    const replayed = resumed.changes().filter(c => c.name === name);
    expect(replayed.length).toBeGreaterThan(1);

    const foreign = await open(baseUrl, { lastEventId: 'ffffffff.1' });
    expect((await ready(foreign)).resumed).toBe(false);
    await foreign.waitFor(
      r => r.messages.find(m => m.event === 'resync'),
      5_000,
      'resync',
    );
    expect(
      JSON.parse(foreign.messages.find(m => m.event === 'resync')!.data),
    ).toEqual({ reason: 'server-restarted' });
  });

  it('refuses a caller without catalog read permission', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      result: AuthorizeResult.DENY,
    });
    const reader = await open(baseUrl);
    expect(reader.response.status).toBe(403);
  });

  it('enforces the caps and frees a slot when a client disconnects', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      mlopsConfig: {
        live: { maxConnectionsPerUser: 1, maxEntitiesPerStream: 2 },
      },
    });
    const tooMany = await open(baseUrl, {
      entityRefs: [
        ENTITY,
        'component:default/predictive-analytics',
        'component:default/forecast-capacity',
      ],
    });
    expect(tooMany.response.status).toBe(400);
    expect(await tooMany.response.text()).toContain('at most 2 entities');

    const one = await open(baseUrl);
    await ready(one);
    const two = await open(baseUrl);
    expect(two.response.status).toBe(503);

    one.close();
    // The server notices the disconnect and removes the stream and its listener.
    let three: LiveStreamReader | undefined;
    const deadline = Date.now() + 5000;
    while (!three && Date.now() < deadline) {
      const attempt = await open(baseUrl);
      if (attempt.response.status === 200) three = attempt;
      else await new Promise(r => setTimeout(r, 100));
    }
    expect(three).toBeDefined();
    await ready(three!);
  });

  it('sends heartbeats', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      mlopsConfig: { live: { heartbeatSeconds: 0.2 } },
    });
    const reader = await open(baseUrl);
    await ready(reader);
    const res = reader.response;
    expect(res.headers.get('cache-control')).toContain('no-transform');
    await reader.waitFor(
      r => (r.pings >= 3 ? true : undefined),
      5_000,
      'three heartbeats',
    );
    expect(reader.ended).toBe(false);
  });
});
