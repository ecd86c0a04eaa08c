import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DevCluster,
  serveTestModel,
  type DevClusterTestModel,
} from '@backstage-mlops/dev-cluster';
import type {
  MlopsServingDayResponse,
  MlopsServingMetricsResponse,
} from '@backstage-mlops/plugin-mlops-common';
import {
  DEMO_NS,
  demoModel,
  startDevClusterBackend,
  waitFor,
} from './__testUtils__/devClusterBackend';

// Serving metrics end to end: a real MLServer that the dev cluster runs for an
// InferenceService, scraped by the project's Prometheus (Debian's package, started by
// scripts/prometheus.sh on the cluster's scrape targets file), read through the backend
// routes with the cluster's mlops.clusters[].prometheus pointing at it.

const exec = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

let cluster: DevCluster;
let model: DevClusterTestModel | undefined;
let prometheusDir = '';
let prometheusUrl = '';

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  const runnable = Boolean(
    cluster.state.execute &&
      cluster.state.scrapeTargets &&
      (await DevCluster.pythonAvailable()),
  );
  if (!runnable) return;
  model = await serveTestModel(cluster, {
    namespace: DEMO_NS,
    claim: 'model-storage-pvc',
    name: `metrics-${Date.now().toString(36)}`,
  });
  // Created again by prometheus.sh start, deleted by its stop.
  prometheusDir = await mkdtemp(join(tmpdir(), 'mlops-prom-'));
  const started = await exec('bash', [
    join(ROOT, 'scripts/prometheus.sh'),
    'start',
    prometheusDir,
    cluster.state.scrapeTargets!,
  ]);
  prometheusUrl = started.stdout.trim();
}, 300_000);

afterAll(async () => {
  if (!model) return;
  await model.delete();
  await exec('bash', [
    join(ROOT, 'scripts/prometheus.sh'),
    'stop',
    prometheusDir,
  ]);
});

describe('serving metrics from the Prometheus that scrapes the dev cluster', () => {
  it("charts the real MLServer's requests, errors, latency, CPU and memory, and the ML Models page's 24 h", async () => {
    if (!model) {
      // eslint-disable-next-line no-console
      console.warn(
        'skipped: the dev cluster executes no model servers here (python3 3.9-3.12 with venv is needed)',
      );
      return;
    }
    const { name: isvc, infer } = model;
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      mlopsConfig: {
        clusters: [{ name: 'dev', prometheus: { url: prometheusUrl } }],
      },
      entities: [demoModel(isvc)],
    });
    // The server loads the model (the platform answers 502 until it is ready).
    await waitFor(
      async () => ((await infer([0, 1])).status === 200 ? true : undefined),
      240_000,
      `MLServer serving ${isvc}`,
    );

    // Traffic over several scrapes (a rate needs an increase between two samples),
    // one request in five a bad one (3 features for a 2-feature model: MLServer 500).
    let sent = 0;
    const metrics = await waitFor(
      async () => {
        for (let i = 0; i < 5; i++) {
          sent += 1;
          await infer(sent % 5 === 0 ? [0, 1, 1] : [1, 0]);
        }
        const res = await fetch(
          `${baseUrl}/api/mlops/entity/component/default/${isvc}/serving-metrics?window=1h`,
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as MlopsServingMetricsResponse;
        const rate = body.series.find(s => s.metric === 'requestRate')!;
        const errors = body.series.find(s => s.metric === 'errorRate')!;
        return rate.points.some(p => p.value > 0) &&
          errors.points.some(p => p.value > 0)
          ? body
          : undefined;
      },
      150_000,
      'request and error rates scraped from MLServer',
    );
    const series = Object.fromEntries(metrics.series.map(s => [s.metric, s]));
    expect(metrics).toEqual(
      expect.objectContaining({
        cluster: 'dev',
        namespace: DEMO_NS,
        inferenceService: isvc,
        window: '1h',
        stepSeconds: 30,
      }),
    );
    const last = (name: string) => series[name].points.at(-1)!.value;
    // One request in five failed: the error rate is a share between 0 and 1.
    expect(Math.max(...series.errorRate.points.map(p => p.value))).toBeLessThan(
      1,
    );
    expect(last('latencyP95')).toBeGreaterThan(0);
    expect(last('latencyP95')).toBeLessThan(10);
    expect(last('latencyP50')).toBeLessThanOrEqual(last('latencyP95'));
    // No kubelet in the dev cluster: the MLServer process's own CPU and memory.
    expect(series.cpu.source).toBe('process');
    expect(series.memory.source).toBe('process');
    expect(last('memory')).toBeGreaterThan(50 * 1024 * 1024);
    expect(series.cpu.points.length).toBeGreaterThan(0);

    // The ML Models page: one query for the cluster, the last 24 h per model.
    const day = await fetch(`${baseUrl}/api/mlops/serving-metrics/day`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entityRefs: [`component:default/${isvc}`, 'component:default/nobody'],
      }),
    });
    expect(day.status).toBe(200);
    const { items } = (await day.json()) as MlopsServingDayResponse;
    expect(items[0].entityRef).toBe(`component:default/${isvc}`);
    expect(items[0].requests).toBeGreaterThan(0);
    expect(items[0].errorRate).toBeGreaterThan(0);
    expect(items[0].errorRate).toBeLessThan(1);
    expect(items[0].latencyP95).toBeGreaterThan(0);
    expect(items[1]).toEqual({
      entityRef: 'component:default/nobody',
      problem: 'not found in the catalog, or not visible to you',
    });

    // Prometheus down: a 503 that says which Prometheus and why.
    await exec('bash', [
      join(ROOT, 'scripts/prometheus.sh'),
      'stop',
      prometheusDir,
    ]);
    const down = await fetch(
      `${baseUrl}/api/mlops/entity/component/default/${isvc}/serving-metrics?window=24h`,
    );
    expect(down.status).toBe(503);
    expect((await down.json()).error.message).toBe(
      `the Prometheus of cluster dev (${prometheusUrl}) cannot be reached: ECONNREFUSED`,
    );
  });

  it('says which key to set when the cluster has no Prometheus, and refuses a bad window', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      entities: [demoModel('anomaly-detector')],
    });
    const base = `${baseUrl}/api/mlops/entity/component/default/anomaly-detector/serving-metrics`;
    const none = await fetch(base);
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toContain(
      'no Prometheus is configured for cluster dev: set mlops.clusters[].prometheus.url',
    );
    const bad = await fetch(`${base}?window=2d`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain(
      'window must be one of 1h, 24h, 7d',
    );
  });
});
