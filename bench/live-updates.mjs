// Load check of the live-updates channel (issue 5): one backend on a dev cluster, N
// concurrent live-update subscribers (server-sent events over fetch, as the frontend
// reads them) while the read API takes a steady 20 requests/s and this script changes
// PipelineRuns of the watched model once a second. Run once with 1 subscriber and once
// with 100; prints, per phase: read-API latency percentiles and errors, live-event
// delivery latency (from the change's write to its arrival at each subscriber), stream
// errors, and the API server's own request counts (apiserver_request_total) by verb,
// which must not grow with the number of viewers. Figures, not a timed test.
// Run: `node bench/live-updates.mjs` (after `./dev test` installed things).
//   BENCH_SECONDS=60     length of each phase
//   BENCH_RPS=20         read-API requests per second
//   BENCH_VIEWERS=1,100  subscriber counts, one phase each
// The backend listens on 7107 (not the portal's 7007).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  portInUse,
  startGroup,
  stopGroup,
  waitForUrl,
} from '../scripts/lib/processes.mjs';
import {
  benchClusterConfig,
  devClusterCli,
  kubectl,
} from './lib/benchCluster.mjs';

const root = join(import.meta.dirname, '..');
const work = join(root, '.run', 'bench-live');
const stateDir = join(work, 'cluster');
const PORT = 7107;
const backend = `http://localhost:${PORT}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rps = Number(process.env.BENCH_RPS ?? 20);
const viewerCounts = (process.env.BENCH_VIEWERS ?? '1,100')
  .split(',')
  .map(Number);
const NS = 'mlops-demo';
const MODEL = 'anomaly-detector';
const WATCHED = [
  `component:default/${MODEL}`,
  'component:default/predictive-analytics',
];

const devCluster = devClusterCli(stateDir);

/**
 * apiserver_request_total of the kinds the plugin reads, by verb (a WATCH is counted
 * when it ends: the backend renews each kind's watch every 60 s), and the watches open
 * now (apiserver_longrunning_requests).
 */
function apiServerRequests(state) {
  const metrics = kubectl(state, ['get', '--raw', '/metrics']);
  const kinds =
    /resource="(pipelineruns|taskruns|pipelines|notebookvalidationjobs|builds|buildconfigs|inferenceservices|notebooks|pods)"/;
  const byVerb = {};
  let openWatches = 0;
  for (const line of metrics.split('\n')) {
    if (!kinds.test(line)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith('apiserver_request_total{')) {
      const verb = /verb="([A-Z]+)"/.exec(line)?.[1] ?? '?';
      byVerb[verb] = (byVerb[verb] ?? 0) + value;
    } else if (
      line.startsWith('apiserver_longrunning_requests{') &&
      line.includes('verb="WATCH"')
    ) {
      openWatches += value;
    }
  }
  return { byVerb, openWatches };
}

function diff(after, before) {
  const out = {};
  for (const verb of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const d = (after[verb] ?? 0) - (before[verb] ?? 0);
    if (d) out[verb] = d;
  }
  return out;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** One live-update subscriber: reads the stream with fetch and records arrivals. */
function subscribe(headers, onChange, onError) {
  const url = new URL('/api/mlops/live', backend);
  WATCHED.forEach(ref => url.searchParams.append('entity', ref));
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(url, {
      headers: { ...headers, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!res.ok) throw new Error(`live: HTTP ${res.status}`);
    return res;
  })();
  const done = ready
    .then(async res => {
      const decoder = new TextDecoder();
      let buffer = '';
      let opened = false;
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === 'ready') opened = true;
          if (event === 'change' && data)
            onChange(JSON.parse(data), Date.now());
          end = buffer.indexOf('\n\n');
        }
      }
      if (!controller.signal.aborted)
        onError(new Error(`stream ended by the server (opened: ${opened})`));
    })
    .catch(error => {
      if (!controller.signal.aborted) onError(error);
    });
  return { ready, done, close: () => controller.abort() };
}

async function phase({ viewers, headers, state, admin }) {
  const subscriberErrors = [];
  const arrivals = []; // delivery latencies in ms
  const written = new Map(); // `${name}|${status}` → when the change was written
  const onChange = (change, at) => {
    if (change.type !== 'pipelineRun') return;
    const key = `${change.name}|${change.item.status}`;
    const t0 = written.get(key);
    if (t0 !== undefined) arrivals.push(at - t0);
  };
  const subs = Array.from({ length: viewers }, () =>
    subscribe(headers, onChange, e => subscriberErrors.push(e.message)),
  );
  await Promise.all(subs.map(s => s.ready));
  await sleep(1000);

  const before = apiServerRequests(state);
  const latencies = [];
  let errors = 0;
  let requests = 0;
  const paths = [
    `/api/mlops/entity/component/default/${MODEL}/training`,
    `/api/mlops/entity/component/default/${MODEL}/health`,
  ];
  const inflight = new Set();
  const reads = setInterval(() => {
    const path = paths[requests++ % paths.length];
    const started = performance.now();
    const p = fetch(`${backend}${path}`, { headers })
      .then(async res => {
        await res.arrayBuffer();
        if (!res.ok) errors++;
        else latencies.push(performance.now() - started);
      })
      .catch(() => errors++)
      .finally(() => inflight.delete(p));
    inflight.add(p);
  }, 1000 / rps);

  // One change a second: a new run (Running), and the previous one finishes.
  const stamp = Date.now();
  let previous;
  let changes = 0;
  const started = Date.now();
  for (let i = 0; Date.now() - started < seconds * 1000; i++) {
    const name = `bench-live-${stamp}-${i}`;
    const now = new Date().toISOString();
    written.set(`${name}|Running`, Date.now());
    await admin.createNamespacedCustomObject({
      group: 'tekton.dev',
      version: 'v1',
      namespace: NS,
      plural: 'pipelineruns',
      body: {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name, labels: { 'model-name': MODEL } },
        spec: { pipelineRef: { name: 'model-training-pipeline' } },
        status: {},
      },
    });
    await admin.patchNamespacedCustomObjectStatus(
      {
        group: 'tekton.dev',
        version: 'v1',
        namespace: NS,
        plural: 'pipelineruns',
        name,
        body: {
          status: {
            startTime: now,
            conditions: [
              { type: 'Succeeded', status: 'Unknown', reason: 'Running' },
            ],
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    changes += 2;
    if (previous) {
      written.set(`${previous}|Succeeded`, Date.now());
      await admin.patchNamespacedCustomObjectStatus(
        {
          group: 'tekton.dev',
          version: 'v1',
          namespace: NS,
          plural: 'pipelineruns',
          name: previous,
          body: {
            status: {
              completionTime: new Date().toISOString(),
              conditions: [
                {
                  type: 'Succeeded',
                  status: 'True',
                  reason: 'Succeeded',
                },
              ],
            },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      changes++;
    }
    previous = name;
    await sleep(Math.max(0, started + (i + 1) * 1000 - Date.now()));
  }
  clearInterval(reads);
  await Promise.all(inflight);
  await sleep(2000); // let the last events arrive
  const after = apiServerRequests(state);
  subs.forEach(s => s.close());
  await Promise.all(subs.map(s => s.done));

  latencies.sort((a, b) => a - b);
  arrivals.sort((a, b) => a - b);
  const expectedArrivals = [...written.keys()].length * viewers;
  return {
    viewers,
    requests,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    delivered: arrivals.length,
    expectedArrivals,
    d50: percentile(arrivals, 50),
    d99: percentile(arrivals, 99),
    subscriberErrors: subscriberErrors.length,
    firstSubscriberError: subscriberErrors[0],
    changes,
    apiRequests: diff(after.byVerb, before.byVerb),
    openWatches: after.openWatches,
  };
}

async function main() {
  mkdirSync(work, { recursive: true });
  if (await portInUse(PORT)) throw new Error(`port ${PORT} is in use`);
  if (existsSync(stateDir)) devCluster('down');
  console.log(
    'starting a seeded dev cluster without simulated controllers (only this script changes objects)',
  );
  devCluster('up', '--demo-namespaces', '--no-controllers', '--quiet');
  devCluster('seed');
  const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  const kc = new KubeConfig();
  kc.loadFromFile(state.adminKubeconfig);
  const admin = kc.makeApiClient(CustomObjectsApi);

  writeFileSync(
    join(work, 'app-config.bench-live.yaml'),
    [
      'backend:',
      `  baseUrl: ${backend}`,
      `  listen: {port: ${PORT}}`,
      ...benchClusterConfig(state),
      'mlops:',
      '  live: {maxConnectionsPerUser: 1000}',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const configs = [
    join(root, 'app-config.yaml'),
    join(work, 'app-config.bench-live.yaml'),
  ].flatMap(f => ['--config', f]);
  const pgid = startGroup(
    'yarn',
    ['workspace', 'backend', 'start', ...configs],
    {
      logFile: join(work, 'backend.log'),
      env: {},
    },
  );
  try {
    await waitForUrl(`${backend}/.backstage/health/v1/readiness`, {
      timeoutMs: 300_000,
    });
    const token = (
      await (await fetch(`${backend}/api/auth/guest/refresh`)).json()
    ).backstageIdentity.token;
    const headers = { authorization: `Bearer ${token}` };
    // The cache in sync and the models in the catalog.
    for (;;) {
      const res = await fetch(
        `${backend}/api/mlops/entity/component/default/${MODEL}/training`,
        { headers },
      );
      const body = res.ok ? await res.json() : undefined;
      if (body?.freshness?.every(f => f.state === 'fresh')) break;
      await sleep(500);
    }

    const results = [];
    for (const viewers of viewerCounts) {
      console.log(
        `phase: ${viewers} subscriber(s), ${rps} read requests/s, ${seconds} s`,
      );
      results.push(await phase({ viewers, headers, state, admin }));
    }

    const fmt = n => (Number.isFinite(n) ? n.toFixed(1) : '-').padStart(7);
    console.log(
      `\nread API (training/health of ${MODEL}, ${rps}/s, open loop) and live events, per phase`,
    );
    console.log(
      'subscribers  requests  errors  p50 ms  p95 ms  p99 ms | events delivered/expected  delivery p50 ms  p99 ms  stream errors',
    );
    for (const r of results) {
      console.log(
        `${String(r.viewers).padStart(11)}  ${String(r.requests).padStart(
          8,
        )}  ${String(r.errors).padStart(6)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(
          r.p99,
        )} | ${`${r.delivered}/${r.expectedArrivals}`.padStart(24)}  ${fmt(
          r.d50,
        )}         ${fmt(r.d99)}  ${String(r.subscriberErrors).padStart(13)}${
          r.firstSubscriberError ? ` (${r.firstSubscriberError})` : ''
        }`,
      );
    }
    console.log(
      '\nAPI-server requests during each phase (apiserver_request_total of the plugin’s kinds, by verb; POST/PATCH are this script’s own writes, WATCH counts the backend’s 60-s watch renewals), and watches open at its end',
    );
    for (const r of results) {
      console.log(
        `${String(r.viewers).padStart(4)} subscriber(s): ${JSON.stringify(
          r.apiRequests,
        )}   open watches: ${r.openWatches}   (this script wrote ${
          r.changes
        } changes)`,
      );
    }
  } finally {
    await stopGroup(pgid);
    devCluster('down');
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
