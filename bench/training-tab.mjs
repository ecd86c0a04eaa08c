// Benchmark of the Training tab (issue 6): a model with 1,000 PipelineRuns on a dev
// cluster, the app as a production bundle served by the backend, headless Chromium.
// Prints, over several runs, the time from navigation to the runs table showing its
// first page and the time until a click on a row's expand button is answered, for a
// full page load and for a tab switch inside the loaded app; plus the plugin's JS size.
// Not a timed test. Run: `node bench/training-tab.mjs` (after `./dev test` installed
// things; it builds the app once with `yarn workspace app build`).
//   BENCH_RUNS=1000   PipelineRuns of the model
//   BENCH_SAMPLES=7   page loads measured (after one warm-up)
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { benchClusterConfig, devClusterCli } from './lib/benchCluster.mjs';
import { bundleShare } from './lib/bundleShare.mjs';
import {
  portInUse,
  startGroup,
  stopGroup,
  waitForUrl,
} from '../scripts/lib/processes.mjs';

const root = join(import.meta.dirname, '..');
const work = join(root, '.run', 'bench-ui');
const stateDir = join(work, 'cluster');
const runs = Number(process.env.BENCH_RUNS ?? 1000);
const samples = Number(process.env.BENCH_SAMPLES ?? 7);
const backend = 'http://localhost:7007';
const model = { name: 'model-000', namespace: 'mlops-scale-00' };
const tabPath = `/catalog/default/component/${model.name}/training`;

const devCluster = devClusterCli(stateDir);

function writeConfig(state) {
  writeFileSync(
    join(work, 'entities.yaml'),
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${model.name}`,
      '  annotations:',
      `    mlops.backstage.io/namespace: ${model.namespace}`,
      `    mlops.backstage.io/inference-service: ${model.name}`,
      `    mlops.backstage.io/build-config: ${model.name}-notebook`,
      'spec: {type: ml-model, owner: bench, lifecycle: experimental}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(work, 'app-config.bench.yaml'),
    [
      'app:',
      `  baseUrl: ${backend}`,
      'backend:',
      `  baseUrl: ${backend}`,
      'catalog:',
      '  locations:',
      `    - {type: file, target: ${join(work, 'entities.yaml')}}`,
      ...benchClusterConfig(state),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}

function buildApp() {
  const started = Date.now();
  // app:baseUrl is baked into the bundle: build it with the bench's config.
  execFileSync(
    'yarn',
    [
      'workspace',
      'app',
      'build',
      '--config',
      join(root, 'app-config.yaml'),
      '--config',
      join(work, 'app-config.bench.yaml'),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return (Date.now() - started) / 1000;
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = xs => Math.max(...xs);

/** Waits for the first page of runs, then clicks a row's expand button. */
async function measureTab(page, navigate) {
  const started = Date.now();
  await navigate();
  const firstRow = page
    .getByRole('row')
    .filter({ hasText: `train-${model.name}-` })
    .first();
  await firstRow.waitFor({ state: 'visible', timeout: 60_000 });
  const tableMs = Date.now() - started;
  await firstRow.getByRole('button', { name: /^Show tasks of / }).click();
  await page
    .getByRole('button', { name: /^Hide tasks of / })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  return { tableMs, interactiveMs: Date.now() - started };
}

async function main() {
  mkdirSync(work, { recursive: true });
  if (await portInUse(7007))
    throw new Error('port 7007 is in use: stop the running portal first');
  if (existsSync(stateDir)) devCluster('down');
  devCluster('up', '--no-controllers', '--quiet');
  const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  process.stdout.write(
    devCluster(
      'scale',
      '--namespaces',
      '1',
      '--isvcs',
      '1',
      '--pipelineruns',
      String(runs),
      '--nvjs',
      '100',
      '--builds',
      '50',
    ),
  );
  writeConfig(state);
  console.log(`app production build: ${buildApp().toFixed(0)} s`);
  const staticDir = join(root, 'packages/app/dist/static');
  for (const [label, pattern] of [
    [
      'plugin JS (plugins/mlops + mlops-common)',
      /plugins\/mlops(-common)?\/src\//,
    ],
    ['recharts (its chart library)', /node_modules\/(recharts|d3-|victory)/],
  ]) {
    const size = bundleShare(staticDir, pattern);
    console.log(
      `${label}: ${(size.raw / 1024).toFixed(0)} KiB minified in ${
        size.chunks
      } lazy chunk(s), ~${(size.gzipped / 1024).toFixed(1)} KiB gzipped`,
    );
  }

  const pgid = startGroup(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      join(root, 'app-config.yaml'),
      '--config',
      join(work, 'app-config.bench.yaml'),
    ],
    { logFile: join(work, 'backend.log'), env: {} },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    await waitForUrl(`${backend}/.backstage/health/v1/readiness`, {
      timeoutMs: 300_000,
    });
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(backend);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor();

    const load = () => page.goto(`${backend}${tabPath}`);
    await measureTab(page, load); // warm-up: the cache syncs, chunks load
    const full = [];
    for (let i = 0; i < samples; i++) full.push(await measureTab(page, load));

    const switches = [];
    for (let i = 0; i < samples; i++) {
      await page.goto(
        `${backend}/catalog/default/component/${model.name}/overview`,
      );
      // The entity page's tabs are links in its header navigation.
      const trainingTab = page.getByRole('link', {
        name: 'Training',
        exact: true,
      });
      await trainingTab.waitFor();
      switches.push(await measureTab(page, () => trainingTab.click()));
    }
    const report = (label, xs) =>
      console.log(
        `${label.padEnd(34)} table ${median(xs.map(x => x.tableMs))
          .toFixed(0)
          .padStart(5)} ms (max ${max(
          xs.map(x => x.tableMs),
        )}), interactive ${median(xs.map(x => x.interactiveMs))
          .toFixed(0)
          .padStart(5)} ms (max ${max(xs.map(x => x.interactiveMs))})`,
      );
    console.log(
      `\nTraining tab of a model with ${runs} PipelineRuns, medians of ${samples}:`,
    );
    report('full page load', full);
    report('tab switch in the loaded app', switches);
  } finally {
    await browser.close();
    await stopGroup(pgid);
    devCluster('down');
    // The bundle was built for this bench's config; leave no build output behind
    // (lint and the dev server do not want it).
    rmSync(join(root, 'packages/app/dist'), { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
