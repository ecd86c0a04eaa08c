// `./dev test`: runs every test stage and ends with one line, "N passed, N failed",
// which CI reads. Stages: typecheck, api-reports, lint, prettier, unit, go,
// integration, e2e, postgres, replicas, adopter;
// `./dev test unit e2e` runs only those.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareAdopterApp } from './adopter/adopterApp.mjs';
import {
  groupAlive,
  groupRssMiB,
  portInUse,
  run,
  startGroup,
  stopGroup,
  waitForUrl,
} from './lib/processes.mjs';

const root = join(import.meta.dirname, '..');
const out = join(root, '.run', 'test');
process.chdir(root);
process.env.CI = 'true'; // jest would otherwise start in watch mode

/** A stage that is one check: passes when the command exits 0. */
async function commandCheck(command, args) {
  const code = await run(command, args);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

/** Reads jest's --json report; a suite that failed to run counts as a failure. */
function jestCounts(file, exitCode) {
  if (!existsSync(file))
    return { passed: 0, failed: 1, note: 'no jest report' };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const brokenSuites = report.testResults.filter(
    r =>
      r.status === 'failed' &&
      r.assertionResults.every(a => a.status !== 'failed'),
  ).length;
  const failed =
    report.numFailedTests +
    brokenSuites +
    (exitCode !== 0 && report.numFailedTests + brokenSuites === 0 ? 1 : 0);
  return {
    passed: report.numPassedTests,
    failed,
    note: `${report.numTotalTestSuites} suites`,
  };
}

/** `go test` of the dev cluster's Go module, counted per test. */
async function go() {
  const { status, stdout } = spawnSync('go', ['test', '-json', './...'], {
    cwd: join(root, 'packages/dev-cluster/go'),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
  });
  if (status === null)
    return { passed: 0, failed: 1, note: 'go is not installed' };
  let passed = 0;
  let failed = 0;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line);
    if (
      event.Action === 'output' &&
      /FAIL|panic|cannot|error/.test(event.Output)
    ) {
      process.stdout.write(event.Output);
    }
    if (!event.Test) {
      if (event.Action === 'fail') failed += 1; // a package that failed to build or run
      continue;
    }
    if (event.Action === 'pass') passed += 1;
    if (event.Action === 'fail') failed += 1;
  }
  console.log(`go test: ${passed} passed, ${failed} failed`);
  return { passed, failed: failed || (status !== 0 ? 1 : 0) };
}

/** The integration suites against one real dev cluster (jest.integration.config.js). */
async function integration() {
  const file = join(out, 'integration.json');
  rmSync(file, { force: true });
  const code = await run(
    'yarn',
    [
      'jest',
      '--config',
      'jest.integration.config.js',
      '--json',
      `--outputFile=${file}`,
    ],
    {
      env: { ...process.env, NODE_ENV: 'test', TZ: 'UTC' },
    },
  );
  return jestCounts(file, code);
}

async function unit() {
  const file = join(out, 'unit.json');
  rmSync(file, { force: true });
  const code = await run('yarn', [
    'backstage-cli',
    'repo',
    'test',
    '--json',
    `--outputFile=${file}`,
  ]);
  return jestCounts(file, code);
}

/** Runs a Playwright project and reads its JSON report. */
async function playwright(project) {
  const report = join(out, `${project}.json`);
  rmSync(report, { force: true });
  const code = await run(
    'yarn',
    ['playwright', 'test', `--project=${project}`, '--reporter=list,json'],
    {
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    },
  );
  if (!existsSync(report))
    return { passed: 0, failed: 1, note: 'no playwright report' };
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  return {
    passed: stats.expected,
    failed:
      stats.unexpected +
      stats.flaky +
      (code !== 0 && stats.unexpected === 0 ? 1 : 0),
  };
}

/**
 * Starts a server in its own process group, waits for its URLs, runs fn with the group
 * id, and always stops the group. A start-up failure is one failed check, with the
 * server's last log lines.
 */
async function withServer({ name, command, args, env, cwd, readyUrls }, fn) {
  for (const port of [3000, 7007]) {
    if (await portInUse(port)) {
      return {
        passed: 0,
        failed: 1,
        note: `port ${port} is in use: stop the running portal first`,
      };
    }
  }
  const logFile = join(out, `${name}.log`);
  rmSync(logFile, { force: true });
  const started = Date.now();
  const pgid = startGroup(command, args, { logFile, env, cwd });
  try {
    for (const url of readyUrls) {
      await waitForUrl(url, {
        timeoutMs: 300_000,
        isAlive: () => groupAlive(pgid),
      });
    }
    console.log(
      `[mlops] ${name} ready in ${Math.round(
        (Date.now() - started) / 1000,
      )}s (log: ${logFile})`,
    );
    return await fn(pgid);
  } catch (error) {
    console.error(
      `[mlops] ${name}: ${error.message}; last lines of ${logFile}:`,
    );
    console.error(
      readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'),
    );
    return { passed: 0, failed: 1, note: error.message };
  } finally {
    await stopGroup(pgid);
  }
}

const backendReady = 'http://localhost:7007/.backstage/health/v1/readiness';

/** Browser tests against the portal as `./dev start` runs it. */
async function e2e() {
  if ((await run('bash', ['scripts/ensure-chromium.sh'])) !== 0) {
    return { passed: 0, failed: 1, note: 'chromium could not be installed' };
  }
  const server = {
    name: 'portal',
    command: 'bash',
    args: ['scripts/start.sh'],
    readyUrls: [backendReady, 'http://localhost:3000/'],
  };
  return withServer(server, async pgid => {
    const result = await playwright('portal');
    const memory = groupRssMiB(pgid);
    console.log(
      `[mlops] portal memory after the browser tests: ${memory.totalMiB} MiB RSS in ${memory.processes.length} processes`,
    );
    return { ...result, note: `portal ${memory.totalMiB} MiB RSS` };
  });
}

/**
 * A new app from @backstage/create-app with the packed plugins installed by the
 * README's lines (scripts/adopter): its typecheck with `skipLibCheck: false` is one
 * check; then it runs against a seeded dev cluster and Chromium opens a model's tabs.
 */
async function adopter() {
  if ((await run('bash', ['scripts/ensure-chromium.sh'])) !== 0) {
    return { passed: 0, failed: 1, note: 'chromium could not be installed' };
  }
  let app;
  try {
    app = await prepareAdopterApp();
  } catch (error) {
    return { passed: 0, failed: 1, note: error.message };
  }
  const typecheck = app.typecheckPassed
    ? { passed: 1, failed: 0 }
    : { passed: 0, failed: 1 };
  const cli = join(root, 'packages/dev-cluster/bin/dev-cluster');
  const stateDir = mkdtempSync(join(tmpdir(), 'mlops-adopter-cluster-'));
  const cluster = args =>
    spawnSync('bash', [cli, ...args, '--state-dir', stateDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }).status === 0;
  try {
    if (!cluster(['up', '--demo-namespaces', '--quiet']) || !cluster(['seed']))
      return {
        passed: typecheck.passed,
        failed: typecheck.failed + 1,
        note: 'the dev cluster did not start',
      };
    const state = JSON.parse(
      readFileSync(join(stateDir, 'state.json'), 'utf8'),
    );
    // The README's cluster config (credentials from the environment) and its
    // catalog-info.yaml as the app's catalog location.
    const model = join(app.appDir, 'examples', 'mlops-model.yaml');
    writeFileSync(model, app.readme.catalogInfo);
    writeFileSync(
      join(app.appDir, 'app-config.local.yaml'),
      `${app.readme.clusterConfig}\ncatalog:\n  locations:\n    - type: file\n      target: ${model}\n`,
    );
    const result = await withServer(
      {
        name: 'adopter',
        command: 'yarn',
        args: ['start'],
        cwd: app.appDir,
        env: {
          K8S_CLUSTER_URL: state.server,
          K8S_CLUSTER_TOKEN: state.backendToken,
          K8S_CLUSTER_CA_DATA: state.caData,
        },
        readyUrls: [backendReady, 'http://localhost:3000/'],
      },
      () => playwright('adopter'),
    );
    return {
      passed: result.passed + typecheck.passed,
      failed: result.failed + typecheck.failed,
      note: [
        app.typecheckPassed ? '' : 'tsc:full failed in the app',
        result.note ?? '',
      ]
        .filter(Boolean)
        .join('; '),
    };
  } finally {
    await app.close();
    cluster(['down']);
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/**
 * Runs fn with a private PostgreSQL server (scripts/postgres.sh) and the environment
 * app-config.postgres.yaml reads; stops and deletes it after.
 */
async function withPostgres(name, fn) {
  const dataDir = join(out, name);
  const started = spawnSync('bash', ['scripts/postgres.sh', 'start', dataDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (started.status !== 0)
    return { passed: 0, failed: 1, note: 'PostgreSQL did not start' };
  try {
    return await fn({
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: started.stdout.trim(),
      POSTGRES_USER: 'backstage',
      POSTGRES_PASSWORD: 'unused-trust-auth',
    });
  } finally {
    spawnSync('bash', ['scripts/postgres.sh', 'stop', dataDir], {
      stdio: 'inherit',
    });
  }
}

/** The backend on a private PostgreSQL server, checked through its APIs. */
async function postgres() {
  return withPostgres('postgres', env => {
    const configs = ['app-config.yaml', 'app-config.postgres.yaml'].flatMap(
      f => ['--config', join(root, f)],
    );
    const server = {
      name: 'backend-postgres',
      command: 'yarn',
      args: ['workspace', 'backend', 'start', ...configs],
      env,
      readyUrls: [backendReady],
    };
    return withServer(server, () => playwright('postgres'));
  });
}

/**
 * The portal with a second backend replica (port 7008) on one PostgreSQL server, as a
 * deployment with two replicas runs: the browser tests of e2e-tests/replicas.
 */
async function replicas() {
  if ((await run('bash', ['scripts/ensure-chromium.sh'])) !== 0) {
    return { passed: 0, failed: 1, note: 'chromium could not be installed' };
  }
  return withPostgres('postgres-replicas', env => {
    const portal = {
      name: 'portal-replicas',
      command: 'bash',
      args: [
        'scripts/start.sh',
        '--config',
        join(root, 'app-config.postgres.yaml'),
      ],
      env,
      readyUrls: [backendReady, 'http://localhost:3000/'],
    };
    return withServer(portal, async () => {
      // The same backend and configs as the portal's (scripts/start.sh wrote the
      // cluster's), on its own port.
      const configs = [
        'app-config.yaml',
        'app-config.postgres.yaml',
        '.run/app-config.dev-cluster.yaml',
        'e2e-tests/replicas/app-config.second-replica.yaml',
      ].flatMap(f => ['--config', join(root, f)]);
      const logFile = join(out, 'backend-second-replica.log');
      rmSync(logFile, { force: true });
      const second = startGroup(
        'yarn',
        ['workspace', 'backend', 'start', ...configs],
        { logFile, env: { ...process.env, ...env }, cwd: root },
      );
      try {
        await waitForUrl(
          'http://localhost:7008/.backstage/health/v1/readiness',
          { timeoutMs: 300_000, isAlive: () => groupAlive(second) },
        );
        return await playwright('replicas');
      } finally {
        await stopGroup(second);
      }
    });
  });
}

const stages = {
  typecheck: () => commandCheck('yarn', ['tsc']),
  // Each published package's API report (report*.api.md) matches its code.
  'api-reports': () => commandCheck('yarn', ['build:api-reports:check']),
  lint: async () => {
    const lint = await commandCheck('yarn', ['backstage-cli', 'repo', 'lint']);
    // package.json files as `backstage-cli repo fix --publish` wants them to publish.
    const fix = await commandCheck('yarn', [
      'backstage-cli',
      'repo',
      'fix',
      '--publish',
      '--check',
    ]);
    return {
      passed: lint.passed + fix.passed,
      failed: lint.failed + fix.failed,
    };
  },
  prettier: () => commandCheck('yarn', ['prettier', '--check', '.']),
  unit,
  go,
  integration,
  e2e,
  postgres,
  replicas,
  adopter,
};

const selected = process.argv.slice(2);
const unknown = selected.filter(s => !(s in stages));
if (unknown.length) {
  console.error(
    `unknown stage(s): ${unknown.join(', ')}; stages: ${Object.keys(
      stages,
    ).join(', ')}`,
  );
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const results = [];
for (const name of selected.length ? selected : Object.keys(stages)) {
  console.log(`\n[mlops] ── stage ${name} ──`);
  const started = Date.now();
  const result = await stages[name]();
  results.push({
    name,
    seconds: Math.round((Date.now() - started) / 1000),
    ...result,
  });
}

console.log('\n[mlops] stage       passed  failed  seconds  note');
for (const r of results) {
  console.log(
    `[mlops] ${r.name.padEnd(11)} ${String(r.passed).padStart(6)}  ${String(
      r.failed,
    ).padStart(6)}  ${String(r.seconds).padStart(7)}  ${r.note ?? ''}`,
  );
}
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
