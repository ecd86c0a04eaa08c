import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import type {
  MlopsMutationResponse,
  MlopsModelHealthResponse,
  MlopsModelLineageResponse,
  MlopsPipelineRunSummary,
  MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';
import { expect, test } from '@playwright/test';
import {
  backendGet,
  backendUrl,
  expectAccessible,
  guestToken,
  signInAsGuest,
} from '../helpers';

// Training insight on runs that really trained (issue 24): the New ML model template
// on the executing dev cluster trains and serves a first model; a data change pushed
// to the project's repository (ten times the noise, seeded) makes the next candidate
// worse, and the baseline gate refuses it, so the served model stays. The Training
// tab shows the refusal in words and compares the two runs (metrics, params, the
// S2I image by digest); the Health tab traces the served model back to its run, its
// validation job, its image build and the commit it was built from.

const execFileAsync = promisify(execFile);
const model = `e2e-lineage-${Date.now().toString(36)}`;
const screenshots = '.run/test/screenshots';
const entityPath = `/api/mlops/entity/component/default/${model}`;

/** What the first test leaves for the others. */
const trained: {
  first?: string;
  second?: string;
  commit?: string;
  digest?: string;
} = {};

test.describe.configure({ mode: 'serial' });

async function backendPost<T>(
  path: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${backendUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await guestToken()}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Polls `read` until it answers something, at most `timeoutMs`. */
async function eventually<T>(
  read: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 3000));
  }
}

async function lineage(): Promise<MlopsModelLineageResponse> {
  const { status, body } = await backendGet<MlopsModelLineageResponse>(
    `${entityPath}/lineage`,
    await guestToken(),
  );
  expect(status).toBe(200);
  return body;
}

/** A run of the model once it has ended, as the Training tab reads it. */
async function endedRun(name: string): Promise<MlopsPipelineRunSummary> {
  return eventually(
    async () => {
      const { body } = await backendGet<MlopsTrainingResponse>(
        `${entityPath}/training`,
        await guestToken(),
      );
      const run = body.pipelineRuns?.items.find(r => r.name === name);
      return run && ['Succeeded', 'Failed'].includes(run.status)
        ? run
        : undefined;
    },
    900_000,
    `run ${name} to end`,
  );
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test('a trained model is served with its lineage; a worse candidate fails the baseline gate and the served model stays', async () => {
  test.setTimeout(1_500_000);
  const { gitServer, gitRoot } = (
    await DevCluster.fromStateDir('.run/dev-cluster')
  ).state;
  expect(
    gitServer && gitRoot,
    'the dev cluster serves published repositories',
  ).toBeTruthy();

  // 1. The template with its first training run, as the Create page submits it.
  const created = await backendPost<{ id: string }>(
    '/api/scaffolder/v2/tasks',
    {
      templateRef: 'template:default/ml-model',
      values: {
        name: model,
        description: 'Lineage and baseline gate (browser test)',
        owner: 'group:default/data-science-team',
        framework: 'sklearn',
        gpu: false,
        cluster: 'dev',
        namespace: 'mlops-demo',
        schedule: '0 2 * * 0',
        dataSource: 'synthetic',
        publishTarget: 'local',
        sourceRepoUrl: `${gitServer}/${model}`,
        startTraining: true,
      },
    },
  );
  expect(created.status).toBe(201);
  const task = await eventually(
    async () => {
      const { body } = await backendGet<{
        status: string;
      }>(`/api/scaffolder/v2/tasks/${created.body.id}`, await guestToken());
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? body
        : undefined;
    },
    900_000,
    'the template task',
  );
  expect(task.status).toBe('completed');

  // The served model's lineage: the run the promotion recorded on the
  // InferenceService, its validation job on the image by digest, the build that
  // pushed that image, and the commit the build fetched (the project's only commit).
  const repo = join(gitRoot!, model);
  const { stdout } = await execFileAsync('git', [
    '-C',
    repo,
    'rev-parse',
    'HEAD',
  ]);
  const firstCommit = stdout.trim();
  const served = await eventually(
    async () => {
      const answer = await lineage();
      return answer.lineage?.commit ? answer.lineage : undefined;
    },
    120_000,
    'the lineage down to the commit',
  );
  expect(served.gaps).toEqual([]);
  expect(served.run!.status).toBe('Succeeded');
  expect(served.serving.modelVersion).toBe(
    `${model}/candidates/${served.run!.name}`,
  );
  expect(served.commit!.sha).toBe(firstCommit);
  expect(served.build!.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(served.validationJob!.imageDigest).toBe(served.build!.imageDigest);
  expect(served.serving.servingSince).toBeTruthy();
  // The same answer from the actions registry (what an AI agent asks, over MCP).
  const asked = await backendPost<{
    output: MlopsModelLineageResponse;
  }>(
    '/api/mlops/.backstage/actions/v1/actions/mlops:read-model-lineage/invoke',
    {
      entityRef: `component:default/${model}`,
    },
  );
  expect(asked.status).toBe(200);
  expect(asked.body.output.lineage!.run!.name).toBe(served.run!.name);
  expect(asked.body.output.lineage!.commit!.sha).toBe(firstCommit);
  const first = await endedRun(served.run!.name);
  const rmseOf = (run: MlopsPipelineRunSummary) =>
    run.metrics!.find(m => m.name === 'rmse')!.value;

  const health = async () =>
    (
      await backendGet<MlopsModelHealthResponse>(
        `${entityPath}/health`,
        await guestToken(),
      )
    ).body.inferenceServices[0];
  const isvcBefore = await health();

  // 2. Noisier training data, committed to the project's repository, and a run
  // started the way the Training tab's "Run training" starts one.
  const notebook = join(repo, 'notebooks/train.ipynb');
  const text = await readFile(notebook, 'utf8');
  const noisier = text.replace(
    'rng.normal(scale=0.1, size=n_samples)',
    'rng.normal(scale=1.0, size=n_samples)',
  );
  expect(noisier).not.toBe(text);
  await writeFile(notebook, noisier);
  await execFileAsync(
    'git',
    ['-C', repo, 'commit', '-q', '-am', 'Noisier training data'],
    {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Browser Test',
        GIT_AUTHOR_EMAIL: 'e2e@example.test',
        GIT_COMMITTER_NAME: 'Browser Test',
        GIT_COMMITTER_EMAIL: 'e2e@example.test',
      },
    },
  );
  const started = await backendPost<MlopsMutationResponse>(
    `${entityPath}/mutations/run-training`,
    {},
  );
  expect(started.status).toBe(201);
  const second = await endedRun(started.body.object.name);

  // The candidate trained and was worse: the gate refused it in words, nothing was
  // promoted, and the InferenceService still serves the first run's model.
  expect(second.status).toBe('Failed');
  expect(rmseOf(second)).toBeGreaterThan(rmseOf(first) + 0.02);
  expect(second.cause?.verdict).toMatch(
    /^not promoted: .*rmse [\d.]+ > served [\d.]+ \+ 0\.02/,
  );
  expect(second.taskRuns.map(t => [t.pipelineTask, t.status])).toEqual([
    ['train-model', 'Succeeded'],
    ['health-check', 'Failed'],
  ]);
  const after = (await lineage()).lineage!;
  expect(after.run!.name).toBe(first.name);
  expect(after.serving.modelVersion).toBe(served.serving.modelVersion);
  expect(after.commit!.sha).toBe(firstCommit);
  const isvcAfter = await health();
  expect(isvcAfter.storageUri).toBe(isvcBefore.storageUri);
  expect(isvcAfter.ready).toBe('True');

  trained.first = first.name;
  trained.second = second.name;
  trained.commit = firstCommit;
  trained.digest = served.build!.imageDigest;
});

test('the Training tab shows the refusal in words, the refused run’s graph, and compares the two trained runs', async ({
  page,
}) => {
  await page.goto(`/catalog/default/component/${model}/training`);
  const runs = page.getByRole('table').filter({
    has: page.getByText(`Training runs of ${model}, newest first`),
  });
  const refused = runs.getByRole('row', {
    name: new RegExp(`^Show tasks of ${trained.second}`),
  });
  await expect(refused).toContainText('Failed');
  await expect(refused.getByText(/^not promoted: /)).toBeVisible();
  await runs.screenshot({ path: `${screenshots}/issue24-gate-refusal.png` });

  // The refused run's graph: the health check failed, so deploy-model never ran.
  await runs
    .getByRole('button', { name: `Show tasks of ${trained.second}` })
    .click();
  const graph = page.getByRole('group', { name: 'Task graph' });
  await expect(
    graph.getByRole('button', { name: /^health-check: Failed/ }),
  ).toBeVisible();
  await expect(
    graph.getByRole('button', {
      name: /^deploy-model: (Skipped|Did not run)/,
    }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /not promoted: / })
      .first(),
  ).toBeVisible();
  await graph.screenshot({ path: `${screenshots}/issue24-gate-run-graph.png` });
  await runs
    .getByRole('button', { name: `Hide tasks of ${trained.second}` })
    .click();

  // The two runs side by side: the worse rmse, the best marked on the first run,
  // and the S2I image both ran by its digest.
  await runs
    .getByRole('checkbox', { name: `Compare ${trained.first}` })
    .check();
  await runs
    .getByRole('checkbox', { name: `Compare ${trained.second}` })
    .check();
  const compared = page.getByRole('table', { name: 'Compared runs' });
  await expect(compared).toBeVisible();
  const rmse = compared.getByRole('row', { name: /^rmse/ });
  await expect(rmse.getByText('differs')).toBeVisible();
  await expect(rmse.getByText('best')).toBeVisible();
  await expect(compared.getByRole('row', { name: /^Status/ })).toContainText(
    'Failed',
  );
  await expect(
    compared.getByRole('row', { name: /^Step images \(digest\)/ }),
  ).toContainText(trained.digest!);
  await compared.screenshot({
    path: `${screenshots}/issue24-compare-trained-runs.png`,
  });
  await expectAccessible(page);
});

test('the Health tab traces the served model to its run and commit, and the run’s link opens it in the Training tab', async ({
  page,
}) => {
  await page.goto(`/catalog/default/component/${model}/health`);
  const section = page.locator('.MuiCard-root').filter({
    has: page.getByRole('heading', {
      name: 'Where the served model comes from',
    }),
  });
  const table = section.getByRole('table', {
    name: 'Lineage of the served model, from its source commit to its server',
  });
  await expect(table).toBeVisible();
  const row = (step: string) =>
    table
      .getByRole('row')
      .filter({ has: page.getByText(step, { exact: true }) });
  await expect(row('Source commit')).toContainText(
    trained.commit!.slice(0, 12),
  );
  await expect(row('Image build')).toContainText(
    `image ${trained.digest!.replace('sha256:', '').slice(0, 12)}`,
  );
  await expect(row('Model version')).toContainText(
    `${model}/candidates/${trained.first}`,
  );
  await expect(row('Serving')).toContainText(`InferenceService ${model}`);
  await expect(row('Serving')).toContainText('Ready');
  await section.screenshot({ path: `${screenshots}/issue24-lineage.png` });
  await expectAccessible(page);

  await row('Training run').getByRole('link', { name: trained.first! }).click();
  await expect(page).toHaveURL(
    new RegExp(
      `/catalog/default/component/${model}/training\\?run=${trained.first}$`,
    ),
  );
  await expect(
    page.getByRole('button', { name: `Hide tasks of ${trained.first}` }),
  ).toHaveAttribute('aria-expanded', 'true');
});
