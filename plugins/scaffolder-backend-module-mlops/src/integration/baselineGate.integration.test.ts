import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type {
  MlopsMutationResponse,
  MlopsPipelineRunSummary,
  MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';
import {
  ExecutedProject,
  PROJECT_KINDS,
} from './__testUtils__/executedProject';
import {
  adminClient,
  clusterDetails,
  clusterSettings,
  createMlserverRuntime,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';
import {
  asUser,
  finishedTask,
  startScaffolderBackend,
  type TestServer,
  waitFor,
} from './__testUtils__/scaffolderBackend';

// Issue 24's metrics and baseline gate, executed: templates/ml-model (sklearn) run by
// the real scaffolder backend on the dev cluster that executes it. Its first run
// trains, reports its metrics (the notebook's metrics.json → the train task's result
// `metrics` → the Pipeline's result, read by the mlops read API) and, with nothing
// served yet, passes the gate and is promoted with its metrics beside it. Then a data
// change (ten times the noise in the synthetic target, seeded, so the same numbers every
// time) is pushed to the project's repository and a second run is started the way the
// Training tab's "Run training" does: its candidate trains, reports worse metrics,
// fails the gate with the verdict in words, and is not promoted: the served model
// still answers the same predictions.

const execFileAsync = promisify(execFile);
const stamp = Date.now().toString(36);
const NS = `it-gate-${stamp}`;
const MODEL = `gate-${stamp}`;
const OWNER = 'group:default/ml-platform-team';

let cluster: DevCluster;
let admin: MlopsClusterClient;
let executes = false;
let server: TestServer;
let stopBackend: () => Promise<void>;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  admin = adminClient(cluster);
  executes = cluster.state.execute && (await DevCluster.pythonAvailable());
  if (!executes) return;
  await ensureNamespace(admin, NS, null);
  await createMlserverRuntime(admin, NS);
  const backend = await startScaffolderBackend({
    clusters: [clusterDetails(cluster)],
    mlops: {
      clusters: [clusterSettings(cluster)],
      scaffolder: {
        kubectlPath: await DevCluster.kubectlPath(),
        localPublish: {
          directory:
            cluster.state.gitRoot ?? mkdtempSync(join(tmpdir(), 'gate-')),
          author: { name: 'Gate Test', email: 'gate@example.test' },
        },
      },
    },
  });
  server = backend.server;
  stopBackend = () => backend.stop();
}, 120_000);

afterAll(async () => {
  await stopBackend?.();
  await admin
    ?.request({ method: 'DELETE', path: `/api/v1/namespaces/${NS}` })
    .catch(() => undefined);
});

/** The model's runs as the Training tab reads them, once `run` has ended. */
async function endedRun(run: string): Promise<MlopsPipelineRunSummary> {
  return waitFor(
    async () => {
      const res = await asUser(server).get(
        `/api/mlops/entity/component/default/${MODEL}/training`,
      );
      const found = (
        res.body as MlopsTrainingResponse
      ).pipelineRuns?.items.find(r => r.name === run);
      return found && ['Succeeded', 'Failed'].includes(found.status)
        ? found
        : undefined;
    },
    900_000,
    `run ${run} ended, in the read API`,
  );
}

const metricsOf = (run: MlopsPipelineRunSummary) =>
  Object.fromEntries((run.metrics ?? []).map(m => [m.name, m.value]));

/** A string result of a run's task. */
function resultOf(run: MlopsPipelineRunSummary, task: string, name: string) {
  const value = run.taskRuns
    .find(t => t.pipelineTask === task)
    ?.results.find(r => r.name === name)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** Commits a change of one file to the project's repository on the git server. */
async function commitToProject(
  path: string,
  change: (text: string) => string,
  message: string,
) {
  const repo = join(cluster.state.gitRoot!, MODEL);
  const file = join(repo, path);
  const before = await readFile(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Gate Test',
    GIT_AUTHOR_EMAIL: 'gate@example.test',
    GIT_COMMITTER_NAME: 'Gate Test',
    GIT_COMMITTER_EMAIL: 'gate@example.test',
  };
  await execFileAsync('git', ['-C', repo, 'commit', '-q', '-am', message], {
    env,
  });
}

describe("templates/ml-model's metrics and baseline gate on the executing dev cluster", () => {
  it('the first run reports its metrics and is promoted; a worse candidate fails the gate in words and the served model stays', async () => {
    if (!executes) {
      // eslint-disable-next-line no-console
      console.warn(
        'skipped: python3 3.9-3.12 with venv is needed to execute the template',
      );
      return;
    }
    const project = new ExecutedProject(cluster, admin, NS, MODEL);

    // 1. The template, with its first training run.
    const res = await asUser(server).post('/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/ml-model',
      values: {
        name: MODEL,
        description: 'Baseline gate (integration test)',
        owner: OWNER,
        framework: 'sklearn',
        gpu: false,
        cluster: 'dev',
        namespace: NS,
        schedule: '0 2 * * 0',
        dataSource: 'synthetic',
        publishTarget: 'local',
        sourceRepoUrl: `${cluster.state.gitServer}/${MODEL}`,
        startTraining: true,
      },
    });
    expect(res.status).toBe(201);
    const task = await finishedTask(server, res.body.id, 1_100_000);
    // (Tekton's own summary of the run says "Failed: 0": that is not a failure.)
    expect(task.messages.filter(m => /error|failed(?!: 0)/i.test(m))).toEqual(
      [],
    );
    expect(task.status).toBe('completed');
    const firstRunName = task.output
      .links!.find(l => l.title?.startsWith('First training run '))!
      .title!.split(' ')[3];

    // Its metrics: the notebook's metrics.json, forwarded by the train task and the
    // Pipeline, and read by the read API (what the Training tab's columns show).
    const first = await endedRun(firstRunName);
    expect(first.status).toBe('Succeeded');
    const firstCandidate = resultOf(first, 'train-model', 'candidate')!;
    const firstFile = await project.readJson(firstCandidate, 'metrics.json');
    expect(Object.keys(firstFile).sort()).toEqual(['mae', 'r2', 'rmse']);
    expect(metricsOf(first)).toEqual(firstFile);
    expect(first.metrics!.map(m => [m.name, m.source])).toEqual([
      ['mae', 'pipeline'],
      ['r2', 'pipeline'],
      ['rmse', 'pipeline'],
    ]);
    expect(first.metrics!.find(m => m.name === 'r2')!.value).toBeGreaterThan(
      0.9,
    );
    expect(JSON.parse(resultOf(first, 'train-model', 'metrics')!)).toEqual(
      firstFile,
    );
    expect(resultOf(first, 'health-check', 'gate')).toBe(
      'passes: no served model to compare with (the first model)',
    );
    // Promotion kept the metrics beside the served model: the next baseline.
    expect(await project.readJson(MODEL, 'served-metrics.json')).toEqual(
      firstFile,
    );

    const inputs: number[][] = await project.readJson(
      firstCandidate,
      'sample-inputs.json',
    );
    const before = await project.predict(inputs);
    expect(before.status).toBe(200);

    // 2. A data change that makes the model worse, deterministically: the synthetic
    // target gets ten times the noise (still seeded).
    await commitToProject(
      'notebooks/train.ipynb',
      text =>
        text.replace(
          'rng.normal(scale=0.1, size=n_samples)',
          'rng.normal(scale=1.0, size=n_samples)',
        ),
      'Noisier training data',
    );
    const started = await asUser(server).post(
      `/api/mlops/entity/component/default/${MODEL}/mutations/run-training`,
      {},
    );
    expect(started.status).toBe(201);
    const secondRunName = (started.body as MlopsMutationResponse).object.name;

    // The candidate trained and reported its (worse) metrics; the gate refused it.
    const second = await endedRun(secondRunName);
    expect(second.status).toBe('Failed');
    const secondCandidate = resultOf(second, 'train-model', 'candidate')!;
    const secondFile = await project.readJson(secondCandidate, 'metrics.json');
    expect(metricsOf(second)).toEqual(secondFile);
    expect(secondFile.rmse).toBeGreaterThan(firstFile.rmse + 0.02);
    const fmt = (v: number) => Number(v.toPrecision(4)).toString();
    const verdict =
      `not promoted: mae ${fmt(secondFile.mae)} > served ${fmt(
        firstFile.mae,
      )} + 0.02; ` +
      `r2 ${fmt(secondFile.r2)} < served ${fmt(firstFile.r2)} − 0.02; ` +
      `rmse ${fmt(secondFile.rmse)} > served ${fmt(firstFile.rmse)} + 0.02`;
    expect(resultOf(second, 'health-check', 'gate')).toBe(verdict);
    // What the tab's alert says first: the failed task and the verdict in words.
    expect(second.cause).toMatchObject({
      task: 'health-check',
      message: expect.stringContaining(
        '"step-compare-with-served" exited with code 1',
      ),
      verdict,
    });
    expect(second.taskRuns.map(t => [t.pipelineTask, t.status])).toEqual([
      ['train-model', 'Succeeded'],
      ['health-check', 'Failed'],
    ]);
    // eslint-disable-next-line no-console
    console.log(`the gate's verdict on the worse candidate: ${verdict}`);

    // Not promoted: the served model, its metrics and its answers stay.
    expect(
      (await readFile(project.volumePath(MODEL, 'served-from'), 'utf8')).trim(),
    ).toBe(firstCandidate);
    expect(await project.readJson(MODEL, 'served-metrics.json')).toEqual(
      firstFile,
    );
    const taskRuns = await project.taskRuns(secondRunName);
    expect(taskRuns['deploy-model']).toBeUndefined();
    const after = await project.predict(inputs);
    expect(after.status).toBe(200);
    expect(after.predictions).toEqual(before.predictions);
    const isvc = await project.get(PROJECT_KINDS.inferenceServices, MODEL);
    expect(isvc.status.modelStatus.states).toEqual({
      activeModelState: 'Loaded',
      targetModelState: 'Loaded',
    });
    // And it still names the first run's model (the deploy task's merge patch, whose
    // values the step quotes as JSON strings).
    expect(isvc.metadata?.annotations).toMatchObject({
      'mlops.dev/served-run': firstRunName,
      'mlops.dev/served-model-version': firstCandidate,
    });
  }, 1_500_000);
});
