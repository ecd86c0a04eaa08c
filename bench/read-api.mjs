// Benchmark of the read API (issue 4): on a dev cluster with the scale data set, one
// backend serves both our Training/Health endpoints and the Kubernetes plugin's custom
// query for the same entity. Prints latency percentiles, the ratio, API-server requests
// per view (from kube-apiserver's own apiserver_request_total), cache sync time and
// backend memory. Run: `node bench/read-api.mjs` (after `./dev test` installed things).
// The latencies are taken once the catalog has settled (the discovered models are
// processed in a burst), with the four endpoints asked in turn so that they share the
// machine's conditions. The backend is the portal's, started as `yarn start` does
// (development mode: Backstage indents its JSON answers there).
//   BENCH_REQUESTS=300  requests per endpoint for the latency figures
//   BENCH_RTT_MS=20     put the cluster a 20 ms round trip away (a delaying TCP proxy)
//   BENCH_CLUSTERS=6    the backend reaches the dev cluster as this many clusters
//                       (bench-0 … bench-5, each behind its own proxy); the model
//                       names bench-0, the Kubernetes plugin asks every one
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  groupRssMiB,
  portInUse,
  startGroup,
  stopGroup,
  waitForUrl,
} from '../scripts/lib/processes.mjs';
import {
  benchClustersConfig,
  devClusterCli,
  kubectl,
} from './lib/benchCluster.mjs';
import { startDelayProxy } from './lib/delayProxy.mjs';

const root = join(import.meta.dirname, '..');
const work = join(root, '.run', 'bench');
const stateDir = join(work, 'cluster');
const requests = Number(process.env.BENCH_REQUESTS ?? 300);
/** Round trip added between the backend and the cluster (0: loopback). */
const rttMs = Number(process.env.BENCH_RTT_MS ?? 0);
/** How many clusters the backend sees (all the same dev cluster). */
const clusterCount = Number(process.env.BENCH_CLUSTERS ?? 1);
const backend = 'http://localhost:7007';
const model = { name: 'model-000', namespace: 'mlops-scale-00' };
/** Both memory readings are taken this long after the cache is in sync. */
const SETTLE_MS = 20_000;

const devCluster = devClusterCli(stateDir);

/** Sum of apiserver_request_total for the kinds the plugins read (excludes the scrape itself). */
function apiServerRequests(state) {
  const metrics = kubectl(state, ['get', '--raw', '/metrics']);
  const kinds =
    /resource="(pipelineruns|taskruns|pipelines|notebookvalidationjobs|builds|buildconfigs|inferenceservices|notebooks|pods|services|configmaps|deployments|replicasets|statefulsets|daemonsets|jobs|cronjobs|ingresses|horizontalpodautoscalers|limitranges|resourcequotas)"/;
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (line.startsWith('apiserver_request_total{') && kinds.test(line)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

function percentile(sorted, p) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/**
 * Times the endpoints in rounds (each round asks every endpoint once, in turn), so
 * all of them see the same machine: the catalog's processing, GC, other load.
 */
async function timeInRounds(endpoints, n) {
  const samples = endpoints.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const [e, { fn }] of endpoints.entries()) {
      const started = process.hrtime.bigint();
      await fn();
      samples[e].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return endpoints.map(({ label }, e) => {
    const sorted = samples[e].sort((a, b) => a - b);
    return {
      label,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
  });
}

/**
 * Waits until the catalog holds the same number of entities for `quietMs`: the
 * discovery provider's entities for the scale data set (a thousand models) are
 * processed in a burst after they arrive, and the figures are of a portal in its
 * steady state, not of that burst. Returns the seconds waited and the count.
 */
async function waitForCatalogSettled(headers, quietMs = 30_000) {
  const started = Date.now();
  let last = -1;
  let since = Date.now();
  for (;;) {
    const res = await fetch(
      `${backend}/api/catalog/entities/by-query?limit=1`,
      { headers },
    );
    const { totalItems } = await res.json();
    if (totalItems !== last) {
      last = totalItems;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return { seconds: (Date.now() - started) / 1000, entities: totalItems };
    }
    await sleep(1000);
  }
}

async function main() {
  mkdirSync(work, { recursive: true });
  for (const port of [7007]) {
    if (await portInUse(port))
      throw new Error(`port ${port} is in use: stop the running portal first`);
  }

  if (existsSync(stateDir)) devCluster('down');
  console.log(
    'starting a dev cluster without simulated controllers (clean request counts)',
  );
  devCluster('up', '--no-controllers', '--quiet');
  const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  const proxies =
    rttMs > 0
      ? await Promise.all(
          Array.from({ length: clusterCount }, () =>
            startDelayProxy(state.server, rttMs),
          ),
        )
      : [];
  const clusterUrls = Array.from(
    { length: clusterCount },
    (_, i) => proxies[i]?.url ?? state.server,
  );
  const clusterNames =
    clusterCount === 1 ? ['bench'] : clusterUrls.map((_, i) => `bench-${i}`);
  console.log(
    `the backend reaches ${clusterCount} cluster(s) ${
      rttMs > 0 ? `each through a ${rttMs} ms round trip` : 'on loopback'
    }`,
  );

  writeFileSync(
    join(work, 'entities.yaml'),
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${model.name}`,
      '  annotations:',
      `    mlops.backstage.io/namespace: ${model.namespace}`,
      `    mlops.backstage.io/cluster: ${clusterNames[0]}`,
      `    mlops.backstage.io/inference-service: ${model.name}`,
      `    mlops.backstage.io/build-config: ${model.name}-notebook`,
      `    backstage.io/kubernetes-namespace: ${model.namespace}`,
      `    backstage.io/kubernetes-label-selector: model-name=${model.name}`,
      'spec: {type: ml-model, owner: bench, lifecycle: experimental}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(work, 'app-config.bench.yaml'),
    [
      'catalog:',
      '  locations:',
      `    - {type: file, target: ${join(work, 'entities.yaml')}}`,
      // One cluster's discovery: the others hold the same objects.
      '  providers:',
      '    mlops:',
      `      clusters: [${clusterNames[0]}]`,
      ...benchClustersConfig(
        state,
        clusterNames.map((name, i) => ({ name, url: clusterUrls[i] })),
      ),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );

  const backendRun = startBackend('backend-1');
  let secondRun;
  try {
    const { pgid, get, headers } = await backendRun;
    const backendRss = () =>
      Math.max(...groupRssMiB(pgid).processes.map(p => p.rssMiB));
    await waitForSync(get);
    await sleep(SETTLE_MS);
    const rssEmpty = backendRss();

    // The scale data set arrives through the backend's watches.
    const scaleStarted = Date.now();
    process.stdout.write(devCluster('scale'));
    const scaleSeconds = (Date.now() - scaleStarted) / 1000;
    const scaleEnded = Date.now();
    const expected = {
      pipelineruns: 10000,
      notebookvalidationjobs: 5000,
      builds: 2000,
      inferenceservices: 1000,
    };
    for (;;) {
      const { cache } = await get('/api/mlops/clusters');
      const count = kind =>
        cache
          .filter(c => c.resource === kind)
          .reduce((s, c) => s + c.objects, 0);
      if (
        Object.entries(expected).every(
          ([kind, n]) => count(kind) >= n * clusterCount,
        )
      )
        break;
      await sleep(200);
    }
    const watchLagSeconds = (Date.now() - scaleEnded) / 1000;
    const cachedObjects = (await get('/api/mlops/clusters')).cache.reduce(
      (s, c) => s + c.objects,
      0,
    );

    // The entity must be in the catalog before anything can be asked about it.
    const entityRef = `component:default/${model.name}`;
    for (;;) {
      const res = await fetch(
        `${backend}/api/catalog/entities/by-name/component/default/${model.name}`,
        {
          headers,
        },
      );
      if (res.ok) break;
      await sleep(500);
    }

    const ours = {
      training: () =>
        get(`/api/mlops/entity/component/default/${model.name}/training`),
      health: () =>
        get(`/api/mlops/entity/component/default/${model.name}/health`),
    };
    const customQuery = resource => async () => {
      const res = await fetch(
        `${backend}/api/kubernetes/resources/custom/query`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify({
            entityRef,
            auth: {},
            customResources: [resource],
          }),
        },
      );
      if (!res.ok)
        throw new Error(`custom query: HTTP ${res.status} ${await res.text()}`);
      const body = await res.json();
      if (body.items?.[0]?.errors?.length)
        throw new Error(
          `custom query errors: ${JSON.stringify(body.items[0].errors)}`,
        );
      return body;
    };
    const theirs = {
      pipelineRuns: customQuery({
        group: 'tekton.dev',
        apiVersion: 'v1',
        plural: 'pipelineruns',
      }),
      inferenceServices: customQuery({
        group: 'serving.kserve.io',
        apiVersion: 'v1beta1',
        plural: 'inferenceservices',
      }),
    };

    const settled = await waitForCatalogSettled(headers);
    console.log(
      `catalog settled at ${
        settled.entities
      } entities after ${settled.seconds.toFixed(0)} s (no change for 30 s)`,
    );
    const training = await ours.training();
    const k8sRuns = await theirs.pipelineRuns();
    console.log(
      `entity ${entityRef}: ours ${training.pipelineRuns.totalItems} runs; Kubernetes plugin ${k8sRuns.items[0].resources[0].resources.length} runs`,
    );
    for (const fn of [...Object.values(ours), ...Object.values(theirs)])
      for (let i = 0; i < 20; i++) await fn();

    const results = await timeInRounds(
      [
        { label: 'mlops training', fn: ours.training },
        { label: 'mlops health', fn: ours.health },
        {
          label: 'kubernetes custom query: pipelineruns',
          fn: theirs.pipelineRuns,
        },
        {
          label: 'kubernetes custom query: inferenceservices',
          fn: theirs.inferenceServices,
        },
      ],
      requests,
    );

    const views = 20;
    const count = async fn => {
      const before = apiServerRequests(state);
      for (let i = 0; i < views; i++) await fn();
      await sleep(500);
      return (apiServerRequests(state) - before) / views;
    };
    const perView = {
      ours: await count(async () => {
        await ours.training();
        await ours.health();
      }),
      theirs: await count(async () => {
        await theirs.pipelineRuns();
        await theirs.inferenceServices();
      }),
    };

    const fmt = n => n.toFixed(2).padStart(8);
    console.log(
      '\nlatency (ms), warm, sequential, the four endpoints in turn, n =',
      requests,
    );
    console.log(
      'endpoint                                      p50       p95       p99',
    );
    for (const r of results)
      console.log(
        `${r.label.padEnd(42)} ${fmt(r.p50)}  ${fmt(r.p95)}  ${fmt(r.p99)}`,
      );
    const ratio = (a, b, p) => (b[p] / a[p]).toFixed(1);
    console.log(
      `\nKubernetes plugin / mlops, p95: training vs pipelineruns ${ratio(
        results[0],
        results[2],
        'p95',
      )}x, health vs inferenceservices ${ratio(
        results[1],
        results[3],
        'p95',
      )}x`,
    );
    console.log(
      `API-server requests per page view (training + health vs the two custom queries): mlops ${perView.ours}, Kubernetes plugin ${perView.theirs}`,
    );
    console.log(
      `scale data created in ${scaleSeconds.toFixed(
        1,
      )} s; the cache held all of it ${watchLagSeconds.toFixed(
        1,
      )} s after the last create (${cachedObjects} objects)`,
    );

    await stopGroup(pgid);
    // Cold sync: a fresh backend lists everything. Its memory, after the same settle
    // time as the first backend's on the empty cluster, is the cost of the data set.
    secondRun = startBackend('backend-2');
    const second = await secondRun;
    const syncSeconds = await waitForSync(second.get);
    console.log(
      `cold cache sync of ${cachedObjects} objects: ${syncSeconds.toFixed(
        1,
      )} s after backend readiness`,
    );
    await sleep(SETTLE_MS);
    const rssFull = Math.max(
      ...groupRssMiB(second.pgid).processes.map(p => p.rssMiB),
    );
    console.log(
      `backend RSS (fresh process, ${
        SETTLE_MS / 1000
      } s after sync; varies by ±50 MiB between starts): ${rssEmpty} MiB on the empty cluster, ${rssFull} MiB with the data set cached`,
    );
    // The cache's own cost, measured in one process with forced GC.
    process.stdout.write(
      execFileSync(
        process.execPath,
        [
          '--expose-gc',
          '--require',
          '@backstage/cli/config/nodeTransform.cjs',
          join(import.meta.dirname, 'cache-memory.ts'),
          join(stateDir, 'state.json'),
        ],
        { cwd: root, encoding: 'utf8' },
      ),
    );
  } finally {
    for (const run of [backendRun, secondRun]) {
      if (run) await stopGroup((await run).pgid);
    }
    for (const proxy of proxies) await proxy.close();
    devCluster('down');
  }
}

/** Starts a backend against the bench cluster; resolves once it is ready. */
async function startBackend(name) {
  const configs = [
    join(root, 'app-config.yaml'),
    join(work, 'app-config.bench.yaml'),
  ].flatMap(f => ['--config', f]);
  const pgid = startGroup(
    'yarn',
    ['workspace', 'backend', 'start', ...configs],
    { logFile: join(work, `${name}.log`), env: {} },
  );
  await waitForUrl(`${backend}/.backstage/health/v1/readiness`, {
    timeoutMs: 300_000,
  });
  const token = (
    await (await fetch(`${backend}/api/auth/guest/refresh`)).json()
  ).backstageIdentity.token;
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const get = async path => {
    const res = await fetch(`${backend}${path}`, { headers });
    if (!res.ok)
      throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { pgid, headers, get, readyAt: Date.now() };
}

/** Waits until every kind of every cluster is fresh (or not installed); returns seconds. */
async function waitForSync(get) {
  const started = Date.now();
  for (;;) {
    const { cache } = await get('/api/mlops/clusters');
    if (
      cache.length > 0 &&
      cache.every(c => c.state === 'fresh' || c.state === 'not-installed')
    ) {
      return (Date.now() - started) / 1000;
    }
    await sleep(100);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
