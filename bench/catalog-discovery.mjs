// Benchmark of catalog discovery (issue 7): a dev cluster with the scale data set
// (1,000 InferenceServices and their runs and validation jobs in 50 namespaces), a
// backend on port 7207 with catalog.providers.mlops. Prints how long after the object
// store's cache is synced the 1,000 models are entities in the catalog, and how long a
// cluster change (an InferenceService created, then deleted) takes to reach the catalog.
// Run: `node bench/catalog-discovery.mjs` (after `./dev test` installed things).
//   BENCH_CHANGES=5   InferenceServices created (and deleted) for the change figures
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  portInUse,
  startGroup,
  stopGroup,
  waitForUrl,
} from '../scripts/lib/processes.mjs';

const root = join(import.meta.dirname, '..');
const work = join(root, '.run', 'bench-catalog');
const stateDir = join(work, 'cluster');
const cli = join(root, 'packages/dev-cluster/bin/dev-cluster');
const port = 7207;
const backend = `http://localhost:${port}`;
const changes = Number(process.env.BENCH_CHANGES ?? 5);
const MODELS = 1000;

const devCluster = (...args) =>
  execFileSync('bash', [cli, ...args, '--state-dir', stateDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
const kubectlBin = () =>
  join(
    execFileSync('bash', [join(root, 'packages/dev-cluster/go/build.sh')], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop(),
    'kubectl',
  );

function kubectl(state, args, input) {
  return execFileSync(
    kubectlBin(),
    ['--kubeconfig', state.adminKubeconfig, ...args],
    { encoding: 'utf8', input },
  );
}

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

async function main() {
  mkdirSync(work, { recursive: true });
  if (await portInUse(port)) throw new Error(`port ${port} is in use`);
  if (existsSync(stateDir)) devCluster('down');
  console.log('starting a dev cluster without simulated controllers');
  devCluster('up', '--no-controllers', '--quiet');
  const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  const scaleStarted = Date.now();
  process.stdout.write(devCluster('scale'));
  console.log(
    `scale data set created in ${((Date.now() - scaleStarted) / 1000).toFixed(
      1,
    )} s`,
  );

  writeFileSync(
    join(work, 'app-config.bench.yaml'),
    [
      'backend:',
      `  baseUrl: ${backend}`,
      `  listen: {port: ${port}}`,
      'catalog:',
      '  providers:',
      '    mlops:',
      '      defaultOwner: group:default/ml-platform-team',
      'kubernetes:',
      '  clusterLocatorMethods:',
      '    - type: config',
      '      clusters:',
      '        - name: bench',
      `          url: ${state.server}`,
      '          authProvider: serviceAccount',
      `          serviceAccountToken: ${state.backendToken}`,
      `          caData: ${state.caData}`,
      '          skipMetricsLookup: true',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );

  const configs = [
    join(root, 'app-config.yaml'),
    join(work, 'app-config.bench.yaml'),
  ].flatMap(f => ['--config', f]);
  const started = Date.now();
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
    const get = async path => {
      const res = await fetch(`${backend}${path}`, { headers });
      if (!res.ok)
        throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };
    const discoveredModels = async () =>
      (
        await get(
          `/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(
            'kind=component,spec.type=ml-model,metadata.annotations.backstage.io/managed-by-location=mlops:cluster/bench',
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
      const { cache } = await get('/api/mlops/health');
      if (
        cache.length > 0 &&
        cache.every(c => c.state === 'fresh' || c.state === 'not-installed')
      ) {
        syncedAt = Date.now();
        break;
      }
      await sleep(50);
    }
    console.log(
      `backend ready and cache synced ${((syncedAt - started) / 1000).toFixed(
        1,
      )} s after the backend was started`,
    );
    let count = 0;
    while ((count = await discoveredModels()) < MODELS) {
      if (Date.now() - syncedAt > 300_000)
        throw new Error(`only ${count} models after 300 s`);
      await sleep(100);
    }
    const discoverySeconds = (Date.now() - syncedAt) / 1000;
    console.log(
      `${count} discovered models in the catalog ${discoverySeconds.toFixed(
        2,
      )} s after the cache was synced (goal ≤ 5 s)`,
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
      )} (${addMs.join(', ')})`,
    );
    console.log(
      `InferenceService deleted → entity gone: ${summary(
        removeMs,
      )} (${removeMs.join(', ')})`,
    );
  } finally {
    await stopGroup(pgid);
    devCluster('down');
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
