// Fuzz bench (issue 23 item 5): at least 10,000 generated bad inputs to every route of
// the mlops backend, every action of the actions registry and every mlops scaffolder
// action (through the scaffolder's dry-run API), and entities whose annotations break
// the entity model, served by the real catalog. The portal's backend on port 7407 runs
// against a fresh dev cluster (demo namespaces, seed); nothing is mocked. Prints the
// totals: inputs, answers by status, 5xx, 4xx that do not name the field, bad input
// accepted, requests without an answer, crashes of the backend (exit, unhandled
// rejection or exception in its log) and the first examples of each failure. Exits 1
// on any failure, or when a route, action or annotation of the running code is not in
// the fuzz inventory (plugins/mlops-backend/src/__testUtils__/fuzz/inventory.ts).
// What the generator sends and how an answer is judged: __testUtils__/fuzz/cases.ts
// and runFuzz.ts there; `./dev test integration` runs a short variant
// (plugins/mlops-backend/src/fuzz.integration.test.ts).
// Run: `node bench/fuzz.mjs` (after `./dev test` installed things).
//   BENCH_SEED=23          the generator's seed (printed; default 23)
//   BENCH_INPUTS=10000     how many inputs
//   BENCH_CONCURRENCY=8    requests in flight
import {
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  groupAlive,
  portInUse,
  startGroup,
  stopGroup,
  waitForUrl,
} from '../scripts/lib/processes.mjs';
import {
  benchClustersConfig,
  devClusterCli,
  kubectlPath,
} from './lib/benchCluster.mjs';

const root = join(import.meta.dirname, '..');
const work = join(root, '.run', 'bench-fuzz');
const stateDir = join(work, 'cluster');
const port = 7407;
const backend = `http://localhost:${port}`;
const seed = Number(process.env.BENCH_SEED ?? 23);
const inputs = Number(process.env.BENCH_INPUTS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

// The generator and the inventory are TypeScript in the backend plugin, shared with
// the integration test; Backstage's node transform loads them.
const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const fuzzDir = join(root, 'plugins/mlops-backend/src/__testUtils__/fuzz');
const { fuzzBaseline, fuzzCases, fuzzEntities, FUZZ_MODEL } = require(join(
  fuzzDir,
  'cases.ts',
));
const { uncoveredInventory } = require(join(fuzzDir, 'inventory.ts'));
const { registeredMlopsRoutes } = require(join(fuzzDir, 'routeTable.ts'));
const { formatFuzzReport, fuzzFailures, runFuzz } = require(join(
  fuzzDir,
  'runFuzz.ts',
));
const mlopsCommon = require('@backstage-mlops/plugin-mlops-common');

const devCluster = devClusterCli(stateDir);

function writeConfig(state) {
  const entities = join(work, 'fuzz-entities.yaml');
  // JSON documents are YAML; one per entity.
  writeFileSync(
    entities,
    fuzzEntities()
      .map(e => JSON.stringify(e))
      .join('\n---\n'),
  );
  const file = join(work, 'app-config.fuzz.yaml');
  writeFileSync(
    file,
    [
      'backend:',
      `  baseUrl: ${backend}`,
      `  listen: {port: ${port}}`,
      'catalog:',
      '  locations:',
      `    - {type: file, target: ${entities}}`,
      // (a list replaces app-config.yaml's: the guest user and its team again)
      `    - {type: file, target: ${join(
        root,
        'examples/org.yaml',
      )}, rules: [{allow: [User, Group]}]}`,
      ...benchClustersConfig(state, [{ name: 'dev', url: state.server }]),
      'mlops:',
      '  clusters:',
      '    - name: dev',
      '      scaffolder:',
      `        serviceAccountToken: ${state.scaffolderToken}`,
      '  scaffolder:',
      `    kubectlPath: ${kubectlPath()}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(5000);
  }
}

async function guestHeaders() {
  const res = await fetch(`${backend}/api/auth/guest/refresh`);
  const { backstageIdentity } = await res.json();
  return { authorization: `Bearer ${backstageIdentity.token}` };
}

async function getJson(path, headers) {
  const res = await fetch(`${backend}${path}`, { headers });
  if (!res.ok)
    throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Lines of the backend's log since `offset` that tell of a crash. */
function crashLines(logFile, offset) {
  const text = readFileSync(logFile, 'utf8').slice(offset);
  return text
    .split('\n')
    .filter(line =>
      /unhandled ?rejection|uncaught ?exception|FATAL ERROR/i.test(line),
    );
}

async function main() {
  if (await portInUse(port)) throw new Error(`port ${port} is in use`);
  if (devCluster.isUp()) devCluster('down');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  console.log(
    `fuzz bench: seed ${seed}, ${inputs} inputs, ${concurrency} in flight`,
  );
  console.log('starting a dev cluster (demo namespaces, seed)');
  devCluster('up', '--demo-namespaces', '--seed', '1', '--quiet');
  devCluster('seed');
  const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  const config = writeConfig(state);
  const logFile = join(work, 'backend.log');
  const pgid = startGroup(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      join(root, 'app-config.yaml'),
      '--config',
      config,
    ],
    { logFile },
  );
  try {
    await waitForUrl(`${backend}/.backstage/health/v1/readiness`, {
      timeoutMs: 300_000,
      isAlive: () => groupAlive(pgid),
    });
    const first = await guestHeaders();
    const entityRefs = [
      'user/default/guest',
      `${FUZZ_MODEL.kind}/${FUZZ_MODEL.namespace}/${FUZZ_MODEL.name}`,
      ...fuzzEntities()
        .slice(1)
        .map(e => `resource/default/${e.metadata.name}`),
    ];
    let missing = [];
    await until('the fuzz entities in the catalog', 300_000, async () => {
      missing = [];
      for (const ref of entityRefs) {
        const res = await fetch(
          `${backend}/api/catalog/entities/by-name/${ref}`,
          { headers: first },
        );
        if (!res.ok) missing.push(ref);
      }
      if (missing.length)
        console.log(
          `  waiting for ${missing.length} entities, e.g. ${missing[0]}`,
        );
      return missing.length === 0;
    });
    // Signed in again once the catalog knows the guest: the token carries its team,
    // which owns the fuzz entities (so actions get past authorization to their input).
    const headers = await guestHeaders();
    const baseline = await until('the seeded runs in the cache', 120_000, () =>
      fuzzBaseline(backend, headers).catch(() => undefined),
    );

    const registry = await getJson(
      '/api/mlops/.backstage/actions/v1/actions',
      headers,
    );
    const registrySchemas = Object.fromEntries(
      registry.actions.map(a => [a.id, a.schema.input]),
    );
    const scaffolderActions = (
      await getJson('/api/scaffolder/v2/actions', headers)
    ).filter(a => a.id.startsWith('mlops:'));
    const scaffolderSchemas = Object.fromEntries(
      scaffolderActions.map(a => [a.id, a.schema.input]),
    );
    const routes = registeredMlopsRoutes();
    const uncovered = uncoveredInventory({
      routes,
      registryActions: Object.keys(registrySchemas),
      scaffolderActions: Object.keys(scaffolderSchemas),
      annotationKeys: Object.entries(mlopsCommon)
        .filter(
          ([name, value]) =>
            /ANNOTATION/.test(name) && typeof value === 'string',
        )
        .map(([, value]) => value),
    });
    console.log(
      `inventory: ${routes.length} routes, ${
        Object.keys(registrySchemas).length
      } actions registry actions, ${
        scaffolderActions.length
      } scaffolder actions, ${fuzzEntities().length - 1} annotation entities`,
    );
    for (const problem of uncovered) console.log(`  NOT COVERED: ${problem}`);

    const served = new Set(routes.map(r => `${r.method} ${r.path}`));
    const { next } = fuzzCases({
      seed,
      registrySchemas,
      scaffolderSchemas,
      baseline,
      served: route => served.has(`${route.method} ${route.path}`),
    });
    const logOffset = statSync(logFile).size;
    const started = Date.now();
    const report = await runFuzz({
      baseUrl: backend,
      next,
      count: inputs,
      concurrency,
      auth: async () => headers,
      onProgress: done => {
        if (done % 1000 === 0) {
          console.log(
            `  ${done} sent, ${((Date.now() - started) / 1000).toFixed(0)} s`,
          );
        }
      },
    });
    const seconds = (Date.now() - started) / 1000;
    const alive = groupAlive(pgid);
    const crashes = crashLines(logFile, logOffset);

    console.log(
      `\nseed ${seed}: ${report.inputs} inputs in ${seconds.toFixed(1)} s`,
    );
    for (const line of formatFuzzReport(report)) console.log(line);
    console.log(
      `crashes: ${crashes.length + (alive ? 0 : 1)}${
        alive ? '' : ' (the backend exited)'
      }`,
    );
    for (const line of crashes.slice(0, 5))
      console.log(`  ${line.slice(0, 300)}`);
    console.log('inputs by target:');
    for (const [target, n] of Object.entries(report.byTarget).sort()) {
      console.log(`  ${String(n).padStart(5)}  ${target}`);
    }
    const failed =
      fuzzFailures(report) +
      crashes.length +
      (alive ? 0 : 1) +
      uncovered.length;
    console.log(failed === 0 ? '\nPASS' : `\nFAIL: ${failed} failure(s)`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    await stopGroup(pgid);
    devCluster('down');
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
