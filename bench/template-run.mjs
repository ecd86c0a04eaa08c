// Benchmark of one run of the New ML model template (issue 21), end to end on a dev
// cluster that executes it: a fresh cluster (demo namespaces and seed, its git server
// serving the portal's local publish directory), the portal's backend on port 7307,
// and one scaffolder task started as the guest, as a user's Create would. Prints the
// time from the task's creation to its completion (render, cluster check, publish,
// apply, register, and the first training run: S2I build, papermill training, health
// check, promotion, MLServer restart, post-deployment check), each step's share, and
// what the model's Health tab then reads (the served model and its checks). Step times
// come from the task's event timestamps (whole seconds in the default SQLite catalog).
// Not a timed test. Run: `node bench/template-run.mjs` (after `./dev test` installed
// things; python3 3.9-3.12 is needed for the cluster to execute).
//   BENCH_FRAMEWORK=sklearn   sklearn or xgboost (pytorch needs torch in python3)
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  portInUse,
  startGroup,
  stopGroup,
  waitForUrl,
} from '../scripts/lib/processes.mjs';
import { devClusterCli, kubectlPath } from './lib/benchCluster.mjs';

const root = join(import.meta.dirname, '..');
const work = join(root, '.run', 'bench-template');
const stateDir = join(work, 'cluster');
const gitRoot = join(work, 'published-repos');
const port = 7307;
const backend = `http://localhost:${port}`;
const framework = process.env.BENCH_FRAMEWORK ?? 'sklearn';
const namespace = 'mlops-demo';
const owner = 'group:default/data-science-team';
const model = `bench-${framework.slice(0, 4)}-${Date.now().toString(36)}`;

const devCluster = devClusterCli(stateDir);
const seconds = ms => (ms / 1000).toFixed(1);

function prepareCluster() {
  if (devCluster.isUp()) devCluster('down');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(gitRoot, { recursive: true });
  console.log('starting a dev cluster that executes (demo namespaces, seed)');
  devCluster('up', '--demo-namespaces', '--quiet', '--git-root', gitRoot);
  devCluster('seed');
  execFileSync(
    'bash',
    [join(root, 'packages/dev-cluster/python/install.sh'), 'serving'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
}

/** The backend's config: this port, the cluster for Kubernetes and mlops, local publish. */
function writeConfig(state) {
  const file = join(work, 'app-config.bench.yaml');
  writeFileSync(
    file,
    [
      'backend:',
      `  baseUrl: ${backend}`,
      `  listen: {port: ${port}}`,
      'kubernetes:',
      '  clusterLocatorMethods:',
      '    - type: config',
      '      clusters:',
      '        - name: dev',
      `          url: ${state.server}`,
      '          authProvider: serviceAccount',
      `          serviceAccountToken: ${state.backendToken}`,
      `          caData: ${state.caData}`,
      '          skipMetricsLookup: true',
      'mlops:',
      '  clusters:',
      '    - name: dev',
      '      scaffolder:',
      `        serviceAccountToken: ${state.scaffolderToken}`,
      '  scaffolder:',
      `    kubectlPath: ${kubectlPath()}`,
      '    localPublish:',
      `      directory: ${gitRoot}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

async function api(headers) {
  return async (method, path, body) => {
    const res = await fetch(`${backend}${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(500);
  }
}

/** Each step's duration from the task's events (first event to its final status). */
function stepTimes(events) {
  const first = {};
  const last = {};
  for (const e of events) {
    const id = e.body?.stepId;
    if (!id) continue;
    const at = Date.parse(e.createdAt);
    first[id] ??= at;
    if (['completed', 'failed'].includes(e.body.status)) last[id] = at;
  }
  return Object.keys(last).map(
    id => `${id} ${seconds(last[id] - first[id])} s`,
  );
}

async function main() {
  if (await portInUse(port)) throw new Error(`port ${port} is in use`);
  const state = prepareCluster();
  if (!state.execute) throw new Error('the dev cluster does not execute');
  const config = writeConfig(state);
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
    { logFile: join(work, 'backend.log') },
  );
  try {
    await waitForUrl(`${backend}/.backstage/health/v1/readiness`, {
      timeoutMs: 300_000,
    });
    const guest = async () =>
      api({
        authorization: `Bearer ${
          (await (await fetch(`${backend}/api/auth/guest/refresh`)).json())
            .backstageIdentity.token
        }`,
      });
    const first = await guest();
    await until(
      'the template and the guest user in the catalog',
      120_000,
      async () =>
        (
          await Promise.all(
            ['template/default/ml-model', 'user/default/guest'].map(ref =>
              first('GET', `/api/catalog/entities/by-name/${ref}`),
            ),
          )
        ).every(res => res.status === 200),
    );
    // Signed in again once the catalog knows the guest: the token carries its team.
    const call = await guest();

    console.log(
      `running the template for ${model} (${framework}) in ${namespace}`,
    );
    const started = Date.now();
    const created = await call('POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/ml-model',
      values: {
        name: model,
        description: 'Benchmark of one template run',
        owner,
        framework,
        gpu: false,
        cluster: 'dev',
        namespace,
        schedule: '0 2 * * 0',
        dataSource: 'synthetic',
        publishTarget: 'local',
        sourceRepoUrl: `${state.gitServer}/${model}`,
        startTraining: true,
      },
    });
    if (created.status !== 201) {
      throw new Error(
        `task not created: HTTP ${created.status} ${JSON.stringify(
          created.body,
        )}`,
      );
    }
    const id = created.body.id;
    const task = await until('the template run', 1_800_000, async () => {
      const res = await call('GET', `/api/scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(res.body?.status)
        ? res.body
        : undefined;
    });
    const elapsed = Date.now() - started;
    const events = (await call('GET', `/api/scaffolder/v2/tasks/${id}/events`))
      .body;
    if (task.status !== 'completed') {
      const log = events
        .map(e => e.body?.message)
        .filter(Boolean)
        .join('\n');
      throw new Error(`the template run ${task.status}:\n${log}`);
    }

    // What the model's Health tab reads: the served model and both checks.
    const health = await until('the Health tab data', 60_000, async () => {
      const res = await call(
        'GET',
        `/api/mlops/entity/component/default/${model}/health`,
      );
      return res.status === 200 && res.body.healthChecks.length >= 2
        ? res.body
        : undefined;
    });
    const [isvc] = health.inferenceServices;
    const checks = health.healthChecks.map(c => `${c.task} ${c.status}`);
    if (
      isvc?.ready !== 'True' ||
      health.healthChecks.some(c => c.status !== 'Succeeded')
    ) {
      throw new Error(`not served: ${JSON.stringify(health)}`);
    }
    console.log(
      `template run (${framework}): ${seconds(
        elapsed,
      )} s end to end, from the task's creation to its completion with the first training run Succeeded`,
    );
    console.log(`  steps: ${stepTimes(events).join(', ')}`);
    console.log(
      `  served: ${isvc.name} Ready=${isvc.ready} on ${isvc.runtime}, model ${
        isvc.modelState?.state
      }; ${checks.join(', ')}`,
    );
    console.log(
      `  machine: ${execFileSync('nproc', {
        encoding: 'utf8',
      }).trim()} cores, load ${readFileSync('/proc/loadavg', 'utf8')
        .split(' ')
        .slice(0, 3)
        .join(' ')}`,
    );
  } finally {
    await stopGroup(pgid);
    devCluster('down');
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
