// Benchmark of catalog discovery on stock Backstage: a dev cluster with the scale data
// set (1,000 InferenceServices and their runs and validation jobs in 50 namespaces), a
// backend on port 7207 with catalog.providers.mlops (its schedule's initialDelay 1 s,
// so discovery starts as soon as the cache is synced). Prints how long after the object
// store's cache is synced the 1,000 models are entities in the catalog (a figure of the
// stock catalog, not a goal), the provider's own CPU per entity (from its log), and how
// long a cluster change (an InferenceService created, then deleted) takes to reach the
// catalog.
// Run: `node bench/catalog-discovery.mjs [options]` (after `./dev test` installed things).
//   --postgres        the catalog on a private PostgreSQL (scripts/postgres.sh, loopback,
//                     stopped and deleted afterwards) instead of the default SQLite in memory
//   --config FILE     one more backend config file (e.g. to try catalog settings)
//   --keep-cluster    leave the dev cluster (with its scale data set) up for the next run
//   --reuse-cluster   use the cluster a --keep-cluster run left up (skips ~3 min of setup)
//   --cpu-prof        write V8 CPU profiles of the backend to .run/bench-catalog/prof
//   BENCH_CHANGES=5   InferenceServices created (and deleted) for the change figures
//
// "In the catalog" means what a user reads through the catalog API: an entity counts
// once `/api/catalog/entities/by-query` returns it (it is processed and stitched), and a
// model counts as complete once it also carries the relations a user sees on its page
// (`ownedBy` its owner and `hasPart` its notebook: a notebook's `subcomponentOf` gives
// `partOf`/`hasPart`, which appear once the notebook entity itself is processed). The
// cache counts as synced when the backend's log says the last kind's first list was
// complete; the log also gives when the catalog module started and when the first
// discovery went out, which the benchmark prints too.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
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
const work = join(root, '.run', 'bench-catalog');
const stateDir = join(work, 'cluster');
const scaledMarker = join(stateDir, 'bench-scale-created');
const pgDir = join(work, 'postgres');
const port = 7207;
const backend = `http://localhost:${port}`;
const changes = Number(process.env.BENCH_CHANGES ?? 5);
const MODELS = 1000;
const LOCATION = 'mlops:cluster/bench';

const { values: options } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    config: { type: 'string', multiple: true, default: [] },
    'keep-cluster': { type: 'boolean', default: false },
    'reuse-cluster': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});

const devCluster = devClusterCli(stateDir);

function isvc(name, namespace) {
  return JSON.stringify({
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name, namespace, labels: { 'sim.mlops.dev/skip': 'true' } },
    spec: {
      predictor: {
        model: {
          modelFormat: { name: 'sklearn' },
          storageUri: `pvc://model-storage-pvc/${name}`,
        },
      },
    },
  });
}

/** What discovery must produce, read from the cluster: models with a notebook, notebooks. */
function expectedFromCluster(state) {
  const jobs = JSON.parse(
    kubectl(state, ['get', 'notebookvalidationjobs', '-A', '-o', 'json']),
  ).items;
  const modelsWithNotebook = new Set();
  const notebooks = new Set();
  for (const job of jobs) {
    const model = job.metadata.labels?.['model-name'];
    const path = job.spec?.notebook?.path;
    if (!model || !path) continue;
    modelsWithNotebook.add(`${job.metadata.namespace}/${model}`);
    notebooks.add(`${job.metadata.namespace}/${model}/${path}`);
  }
  return {
    modelsWithNotebook: modelsWithNotebook.size,
    notebooks: notebooks.size,
  };
}

async function prepareCluster() {
  if (
    options['reuse-cluster'] &&
    existsSync(scaledMarker) &&
    devCluster.isUp()
  ) {
    console.log('reusing the dev cluster and scale data set of an earlier run');
    return;
  }
  if (existsSync(stateDir)) devCluster('down');
  console.log('starting a dev cluster without simulated controllers');
  devCluster('up', '--no-controllers', '--quiet');
  const scaleStarted = Date.now();
  process.stdout.write(devCluster('scale'));
  writeFileSync(scaledMarker, new Date().toISOString());
  console.log(
    `scale data set created in ${((Date.now() - scaleStarted) / 1000).toFixed(
      1,
    )} s`,
  );
}

function startPostgres() {
  const started = spawnSync(
    'bash',
    [join(root, 'scripts/postgres.sh'), 'start', pgDir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (started.status !== 0) throw new Error('PostgreSQL did not start');
  const pgPort = started.stdout.trim().split('\n').pop();
  console.log(`catalog on PostgreSQL (127.0.0.1:${pgPort})`);
  return [
    '  database:',
    '    client: pg',
    '    connection:',
    '      host: 127.0.0.1',
    `      port: ${pgPort}`,
    '      user: backstage',
    '      password: unused',
  ];
}

function stopPostgres() {
  spawnSync('bash', [join(root, 'scripts/postgres.sh'), 'stop', pgDir], {
    stdio: 'inherit',
  });
}

const seconds = ms => (ms / 1000).toFixed(2);

/**
 * When the backend's log (this run's lines only) says the catalog module started, the
 * last kind of the bench cluster was first listed (the cache synced), and the first
 * discovery of the bench cluster went out.
 */
function logMarks(logFile, since) {
  const marks = {};
  for (const raw of readFileSync(logFile, 'utf8').split('\n')) {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    const at = Date.parse(line.slice(0, 24));
    if (Number.isNaN(at) || at < since) continue;
    if (
      !marks.catalogStarted &&
      line.includes('Registered scheduled task: mlops-provider:bench:refresh')
    ) {
      marks.catalogStarted = at;
    }
    if (/on cluster bench: \d+ objects synced in/.test(line)) {
      marks.lastKindSynced = at;
    }
    if (
      !marks.firstSent &&
      /(discovery delta of cluster bench|full discovery of cluster bench)/.test(
        line,
      )
    ) {
      marks.firstSent = at;
    }
    // The provider's own CPU, from its info lines (full runs and large deltas).
    const full =
      /full discovery of cluster bench: (\d+) entities .*; ([\d.]+) ms of this provider's CPU/.exec(
        line,
      );
    const delta =
      /discovery delta of cluster bench: (\d+) added or changed, (\d+) removed \(([\d.]+) ms of this provider's CPU/.exec(
        line,
      );
    if (full) {
      marks.providerRuns = [
        ...(marks.providerRuns ?? []),
        { entities: Number(full[1]), cpuMs: Number(full[2]) },
      ];
    } else if (delta) {
      marks.providerRuns = [
        ...(marks.providerRuns ?? []),
        {
          entities: Number(delta[1]) + Number(delta[2]),
          cpuMs: Number(delta[3]),
        },
      ];
    }
  }
  return marks;
}

/** CPU seconds (user + system) used so far by every process of a group (Linux /proc). */
function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) {
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      // the process ended while we looked
    }
  }
  const ticksPerSecond = Number(
    execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
  );
  return ticks / ticksPerSecond;
}

async function main() {
  mkdirSync(work, { recursive: true });
  if (await portInUse(port)) throw new Error(`port ${port} is in use`);
  await prepareCluster();
  const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  const expected = { models: MODELS, ...expectedFromCluster(state) };
  console.log(
    `expected from the cluster: ${expected.models} models, ${expected.modelsWithNotebook} of them with a notebook, ${expected.notebooks} notebooks`,
  );

  const database = options.postgres ? startPostgres() : [];
  writeFileSync(
    join(work, 'app-config.bench.yaml'),
    [
      'backend:',
      `  baseUrl: ${backend}`,
      `  listen: {port: ${port}}`,
      ...database,
      'catalog:',
      '  providers:',
      '    mlops:',
      '      defaultOwner: group:default/ml-platform-team',
      '      schedule:',
      '        frequency: {minutes: 30}',
      '        timeout: {minutes: 10}',
      '        initialDelay: {seconds: 1}',
      ...benchClusterConfig(state),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );

  const configs = [
    join(root, 'app-config.yaml'),
    join(work, 'app-config.bench.yaml'),
    ...options.config.map(f => resolve(f)),
  ].flatMap(f => ['--config', f]);
  const profDir = join(work, 'prof');
  if (options['cpu-prof']) {
    rmSync(profDir, { recursive: true, force: true });
    mkdirSync(profDir, { recursive: true });
  }
  const started = Date.now();
  const pgid = startGroup(
    'yarn',
    ['workspace', 'backend', 'start', ...configs],
    {
      logFile: join(work, 'backend.log'),
      env: options['cpu-prof']
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}` }
        : {},
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
    const get = async path => {
      const res = await fetch(`${backend}${path}`, { headers });
      if (!res.ok)
        throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };
    const count = async filter =>
      (
        await get(
          `/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(
            `metadata.annotations.backstage.io/managed-by-location=${LOCATION},${filter}`,
          )}`,
        )
      ).totalItems;
    const entityExists = async name => {
      const res = await fetch(
        `${backend}/api/catalog/entities/by-name/component/default/${name}`,
        { headers },
      );
      return res.ok;
    };

    // 1. The cache syncs; then the models must be in the catalog.
    let syncedAt;
    for (;;) {
      const { cache } = await get('/api/mlops/clusters');
      if (
        cache.length > 0 &&
        cache.every(c => c.state === 'fresh' || c.state === 'not-installed')
      ) {
        // The health answer comes late while the backend is busy (a fresh kind's
        // syncedAt is the answer's time): the moment the last kind's first list was
        // complete is in the backend's log, logged before its events go out.
        const listed = logMarks(
          join(work, 'backend.log'),
          started,
        ).lastKindSynced;
        syncedAt = Math.min(Date.now(), listed ?? Date.now());
        break;
      }
      await sleep(50);
    }
    console.log(
      `backend ready and cache synced ${seconds(
        syncedAt - started,
      )} s after the backend was started`,
    );
    const goals = [
      {
        what: 'models in the catalog',
        filter: 'kind=component,spec.type=ml-model',
        expected: expected.models,
      },
      {
        what: 'models with their relations (ownedBy, and hasPart their notebook)',
        filter:
          'kind=component,spec.type=ml-model,relations.ownedBy,relations.hasPart',
        expected: expected.modelsWithNotebook,
      },
      {
        what: 'notebooks in the catalog (partOf their model)',
        filter: 'kind=component,spec.type=notebook,relations.partOf',
        expected: expected.notebooks,
      },
    ];
    // One goal at a time, every 200 ms: each query also costs the backend a permission
    // check, so polling everything at once would slow down what it measures. A goal met
    // while an earlier one is polled is recorded when its turn comes (never too early).
    const reached = new Map();
    const cpuAtSync = groupCpuSeconds(pgid);
    for (const goal of goals) {
      while ((goal.last = await count(goal.filter)) < goal.expected) {
        if (Date.now() - syncedAt > 300_000) {
          throw new Error(
            `after 300 s: ${goals
              .map(g => `${g.what} ${g.last ?? '?'}/${g.expected}`)
              .join(', ')}`,
          );
        }
        await sleep(200);
      }
      reached.set(goal, Date.now());
    }
    const ingestCpu = groupCpuSeconds(pgid) - cpuAtSync;
    for (const goal of goals) {
      console.log(
        `${goal.last} ${goal.what}: ${seconds(
          reached.get(goal) - syncedAt,
        )} s after the cache was synced`,
      );
    }
    const discovered = expected.models + expected.notebooks;
    const marks = logMarks(join(work, 'backend.log'), started);
    if (marks.catalogStarted && marks.firstSent) {
      const sent = marks.firstSent - syncedAt;
      console.log(
        `the catalog module started ${seconds(
          syncedAt - marks.catalogStarted,
        )} s before the cache was synced; the first discovery went out ${seconds(
          Math.abs(sent),
        )} s ${
          sent < 0
            ? 'before the sync (what the cache had not listed yet was read from the API server)'
            : 'after the sync (once the hand-written entities were read and the entities built)'
        }; from there the catalog made the models readable in ${seconds(
          reached.get(goals[0]) - marks.firstSent,
        )} s`,
      );
    }
    console.log(
      `=> ${expected.models} models readable in the catalog ${seconds(
        reached.get(goals[0]) - syncedAt,
      )} s, and all ${discovered} discovered entities with every relation ${seconds(
        Math.max(...reached.values()) - syncedAt,
      )} s after the cache was synced (stock Backstage: a figure, not a goal)`,
    );
    for (const run of marks.providerRuns ?? []) {
      console.log(
        `provider's own CPU: ${run.cpuMs.toFixed(1)} ms for ${
          run.entities
        } entities = ${(run.cpuMs / run.entities).toFixed(
          3,
        )} ms per entity (goal ≤ 1 ms)`,
      );
    }
    console.log(
      `backend CPU meanwhile: ${ingestCpu.toFixed(1)} s (${(
        (1000 * ingestCpu) /
        discovered
      ).toFixed(1)} ms per discovered entity; load average ${loadavg()
        .map(l => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores)`,
    );

    // 2. A cluster change → the catalog.
    const addMs = [];
    const removeMs = [];
    for (let i = 0; i < changes; i++) {
      const name = `bench-new-${Date.now().toString(36)}-${i}`;
      const namespace = `mlops-scale-${String(i % 50).padStart(2, '0')}`;
      const entity = `${name}.${namespace}.bench`;
      let t = Date.now();
      kubectl(state, ['create', '-f', '-'], isvc(name, namespace));
      while (!(await entityExists(entity))) await sleep(20);
      addMs.push(Date.now() - t);
      t = Date.now();
      kubectl(state, ['delete', 'inferenceservice', name, '-n', namespace]);
      while (await entityExists(entity)) await sleep(20);
      removeMs.push(Date.now() - t);
    }
    const summary = ms =>
      `median ${
        [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]
      } ms, max ${Math.max(...ms)} ms`;
    console.log(
      `InferenceService created → entity in the catalog: ${summary(
        addMs,
      )} (${addMs.join(', ')}; goal ≤ 3 s)`,
    );
    console.log(
      `InferenceService deleted → entity gone: ${summary(
        removeMs,
      )} (${removeMs.join(', ')})`,
    );
  } finally {
    await stopGroup(pgid);
    if (options.postgres) stopPostgres();
    if (options['keep-cluster']) {
      console.log(`dev cluster left up (${stateDir}); --reuse-cluster uses it`);
    } else {
      devCluster('down');
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
