import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  createTrainingRun,
  DEMO_NS,
  startDevClusterBackend,
  waitFor,
  waitUntilFresh,
} from '../__testUtils__/devClusterBackend';

// Step and build logs end to end on the shared dev cluster. The simulator's
// `sim.mlops.dev/step-seconds` annotation holds each step (or a build's Running phase)
// and appends a progress line every tick, so a followed log really grows.

const MODEL_PATH = '/api/mlops/entity/component/default/anomaly-detector';

let cluster: DevCluster;
let admin: CustomObjectsApi;

interface TaskRunStatus {
  podName?: string;
  steps?: Array<{ name: string; running?: unknown; terminated?: unknown }>;
  conditions?: Array<{ type: string; status: string }>;
}

async function taskRun(name: string) {
  try {
    const tr = (await admin.getNamespacedCustomObject({
      group: 'tekton.dev',
      version: 'v1',
      namespace: DEMO_NS,
      plural: 'taskruns',
      name,
    })) as { status?: TaskRunStatus };
    return tr.status;
  } catch {
    return undefined;
  }
}

/**
 * Starts a training run of anomaly-detector whose steps the simulator holds
 * `stepSeconds` each, and waits until its first step (`create-validation-job` of the
 * `train-model` TaskRun) runs; returns the run's and that TaskRun's names.
 */
async function trainModelTaskRunOnceRunning(
  prefix: string,
  stepSeconds: number,
) {
  const run = `${prefix}-${Date.now()}`;
  await createTrainingRun(cluster, {
    name: run,
    model: 'anomaly-detector',
    annotations: { 'sim.mlops.dev/step-seconds': String(stepSeconds) },
  });
  const tr = `${run}-train-model`;
  await waitFor(
    async () =>
      (await taskRun(tr))?.steps?.find(s => s.name === 'create-validation-job')
        ?.running
        ? true
        : undefined,
    30_000,
    'the first step running',
  );
  return { run, tr };
}

/** Reads a response body chunk by chunk, with when each chunk arrived. */
async function readChunks(res: Response) {
  const chunks: Array<{ at: number; text: string }> = [];
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push({ at: Date.now(), text: decoder.decode(chunk) });
  }
  return chunks;
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  admin = cluster.kubeConfig('admin').makeApiClient(CustomObjectsApi);
});

describe('logs on the dev cluster', () => {
  it('follows a step log while it grows, then reads it whole once the run is done', async () => {
    const { baseUrl } = await startDevClusterBackend({ cluster });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const { tr } = await trainModelTaskRunOnceRunning('logs-it', 3);
    const step = 'create-validation-job';
    // The backend's cache must have the TaskRun too.
    const url = `${baseUrl}${MODEL_PATH}/taskruns/${tr}/steps/${step}/log`;
    const res = await waitFor(async () => {
      const r = await fetch(`${url}?follow=true`);
      if (r.status === 200) return r;
      await r.body?.cancel();
      return undefined;
    }, 10_000);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const started = Date.now();
    const chunks = await readChunks(res);
    const text = chunks.map(c => c.text).join('');
    // The follow ended by itself when the step terminated …
    expect(text).toContain(`step ${step} completed`);
    // … after the text had arrived in several pieces over the step's 3 seconds.
    const progress = chunks.filter(c => c.text.includes(' progress '));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[progress.length - 1].at - progress[0].at).toBeGreaterThan(
      500,
    );
    expect(Date.now() - started).toBeGreaterThan(1000);

    await waitFor(
      async () =>
        (await taskRun(tr))?.conditions?.find(c => c.type === 'Succeeded')
          ?.status === 'True'
          ? true
          : undefined,
      60_000,
      'the TaskRun finished',
    );
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(await whole.text()).toBe(text);
    const tail = await fetch(`${url}?tailLines=1`);
    expect((await tail.text()).trim()).toMatch(
      new RegExp(`step ${step} completed$`),
    );
    const limited = await fetch(`${url}?limitBytes=10`);
    expect(await limited.text()).toBe(text.slice(0, 10));
  });

  it('follows the log of a step that has not started yet: it opens at once and streams once the step runs', async () => {
    const { baseUrl } = await startDevClusterBackend({ cluster });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    // The first step runs (held 8 s); the second one's container waits to start.
    const { tr } = await trainModelTaskRunOnceRunning('logs-wait-it', 8);
    const url = `${baseUrl}${MODEL_PATH}/taskruns/${tr}/steps/wait-for-completion/log`;
    // Once the backend's cache has the TaskRun (404 before), the followed log of the
    // waiting step answers 200 at once, not the API server's 400 "waiting to start".
    const res = await waitFor(async () => {
      const r = await fetch(`${url}?follow=true`);
      if (r.status !== 404) return r;
      await r.body?.cancel();
      return undefined;
    }, 5_000);
    expect(res.status).toBe(200);
    expect(
      (await taskRun(tr))?.steps?.find(s => s.name === 'wait-for-completion')
        ?.running,
    ).toBeUndefined();
    const text = (await readChunks(res)).map(c => c.text).join('');
    expect(text).toContain('starting step "wait-for-completion"');
    expect(text).toContain('step wait-for-completion completed');
  });

  it('follows a build log while the build runs', async () => {
    const { baseUrl } = await startDevClusterBackend({ cluster });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const build = `anomaly-detector-notebook-it-${Date.now()}`;
    await admin.createNamespacedCustomObject({
      group: 'build.openshift.io',
      version: 'v1',
      namespace: DEMO_NS,
      plural: 'builds',
      body: {
        apiVersion: 'build.openshift.io/v1',
        kind: 'Build',
        metadata: {
          name: build,
          labels: {
            'openshift.io/build-config.name': 'anomaly-detector-notebook',
          },
          annotations: { 'sim.mlops.dev/step-seconds': '2' },
        },
        spec: {
          strategy: { type: 'Docker' },
          source: { type: 'Git', git: { uri: 'https://example.com/x.git' } },
          output: { to: { kind: 'ImageStreamTag', name: 'x:latest' } },
        },
      },
    });
    const url = `${baseUrl}${MODEL_PATH}/builds/${build}/log?follow=true`;
    const res = await waitFor(async () => {
      const r = await fetch(url);
      if (r.status === 200) return r;
      await r.body?.cancel();
      return undefined;
    }, 10_000);
    const chunks = await readChunks(res);
    const text = chunks.map(c => c.text).join('');
    expect(text).toContain(' progress ');
    expect(text).toContain('Push successful');
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('enforces the configured bounds: bytes and the follow duration', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      mlopsConfig: { logs: { maxKilobytes: 0.05 } },
    });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const { run, tr } = await trainModelTaskRunOnceRunning('logs-bounds', 20);
    const step = 'create-validation-job';
    const path = `${MODEL_PATH}/taskruns/${tr}/steps/${step}/log?follow=true`;
    const open = async (base: string, query = '') =>
      waitFor(async () => {
        const r = await fetch(`${base}${path}${query}`);
        if (r.status === 200) return r;
        await r.body?.cancel();
        return undefined;
      }, 10_000);

    // Bytes: never more than maxKilobytes, whatever limitBytes asks.
    const bytes = await open(baseUrl, '&limitBytes=100000');
    expect(bytes.headers.get('x-mlops-log-limit-bytes')).toBe('51');
    const cut = (await readChunks(bytes)).map(c => c.text).join('');
    expect(Buffer.byteLength(cut)).toBe(51);

    // Time: a follow ends after maxFollowSeconds although the step still runs.
    const timed = await startDevClusterBackend({
      cluster,
      mlopsConfig: { logs: { maxFollowSeconds: 1 } },
    });
    await waitUntilFresh(timed.baseUrl, 'anomaly-detector');
    const started = Date.now();
    const followed = await open(timed.baseUrl);
    const text = (await readChunks(followed)).map(c => c.text).join('');
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5_000);
    expect(text).toContain('starting step');
    expect(text).not.toContain(`step ${step} completed`);
    expect(
      (await taskRun(tr))?.steps?.find(s => s.name === step)?.running,
    ).toBeTruthy();

    await admin.patchNamespacedCustomObject(
      {
        group: 'tekton.dev',
        version: 'v1',
        namespace: DEMO_NS,
        plural: 'pipelineruns',
        name: run,
        body: { spec: { status: 'Cancelled' } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  });

  it('refuses logs of objects that are not the entity’s, bad input, and callers without read access', async () => {
    const { baseUrl } = await startDevClusterBackend({ cluster });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    // A seeded build of another model, read through anomaly-detector.
    const other = await fetch(
      `${baseUrl}${MODEL_PATH}/builds/forecast-capacity-notebook-3/log`,
    );
    expect(other.status).toBe(404);
    const bad = await fetch(
      `${baseUrl}${MODEL_PATH}/builds/anomaly-detector-notebook-1/log?tailLines=-1`,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('tailLines');
    const seeded = await fetch(
      `${baseUrl}${MODEL_PATH}/builds/anomaly-detector-notebook-1/log`,
    );
    expect(seeded.status).toBe(200);
    expect(await seeded.text()).toContain('Push successful');

    const denied = await startDevClusterBackend({
      cluster,
      result: AuthorizeResult.DENY,
    });
    const res = await fetch(
      `${denied.baseUrl}${MODEL_PATH}/builds/anomaly-detector-notebook-1/log`,
    );
    expect(res.status).toBe(403);
  });
});
