import { expect, type Page, test } from '@playwright/test';
import {
  backendGet,
  expectAccessible,
  expectOneLine,
  guestToken,
  signInAsGuest,
} from '../helpers';

// The Training and Health tabs on the demo models, against the local dev cluster the
// quick start runs (seeded history plus the simulated platform controllers).

const screenshots = '.run/test/screenshots';

/** The part of the read API's Training answer these tests look at. */
interface TrainingAnswer {
  pipelineRuns: {
    items: Array<{ name: string; skippedTasks?: Array<{ name: string }> }>;
  };
}

async function openTab(page: Page, model: string, tab: 'training' | 'health') {
  await page.goto(`/catalog/default/component/${model}/${tab}`);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test('the Training tab lists the seeded runs, validation jobs and builds', async ({
  page,
}) => {
  await openTab(page, 'anomaly-detector', 'training');
  const runs = page
    .getByRole('table')
    .filter({ hasText: 'train-anomaly-detector-' })
    .first();
  await expect(runs).toBeVisible();
  await expect(
    runs
      .getByRole('row')
      .filter({ hasText: 'train-anomaly-detector-' })
      .first(),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Notebook validation jobs' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Image builds' }),
  ).toBeVisible();
  await expect(
    page.getByText('anomaly-detector-notebook-', { exact: false }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${screenshots}/training.png`,
    fullPage: true,
  });
  await expectAccessible(page);
});

test('a run shows its finally task, a skipped task with its reason and an ignored failure', async ({
  page,
}) => {
  // The seeded run of anomaly-detector that skipped its health check (when
  // expression), ignored its model card's failure (onError: continue) and ran its
  // finally task; found through the read API, since other tests add newer runs.
  const token = await guestToken();
  const { body } = await backendGet<TrainingAnswer>(
    '/api/mlops/entity/component/default/anomaly-detector/training',
    token,
  );
  const run = body.pipelineRuns.items.find(r =>
    r.skippedTasks?.some(t => t.name === 'health-check'),
  );
  expect(run, 'the seeded run with a skipped health check').toBeDefined();

  await openTab(page, 'anomaly-detector', 'training');
  await page
    .getByRole('button', { name: `Show tasks of ${run!.name}` })
    .click();

  await expect(
    page.getByRole('alert').filter({ hasText: 'ignored failure' }),
  ).toContainText('publish-model-card');
  const tasks = page.getByRole('table', { name: `Tasks of ${run!.name}` });
  const publish = tasks
    .getByRole('row')
    .filter({ hasText: 'publish-model-card' });
  await expect(publish.getByText('Failed (ignored)')).toBeVisible();
  const report = tasks
    .getByRole('row')
    .filter({ hasText: 'report-training-result' });
  await expect(report.getByText('finally', { exact: true })).toBeVisible();
  const skipped = page.getByRole('table', {
    name: `Skipped tasks of ${run!.name}`,
  });
  const health = skipped.getByRole('row').filter({ hasText: 'health-check' });
  await expect(
    health.getByText('When Expressions evaluated to false'),
  ).toBeVisible();
  await expect(health.getByText(/^when .* in \[true\]$/)).toBeVisible();
  await page.screenshot({
    path: `${screenshots}/training-tekton-semantics.png`,
    fullPage: true,
  });
  await expectAccessible(page);
});

test('the Health tab shows a Ready InferenceService', async ({ page }) => {
  await openTab(page, 'anomaly-detector', 'health');
  await expect(
    page.getByRole('heading', { name: 'InferenceService anomaly-detector' }),
  ).toBeVisible();
  await expect(page.getByText('Ready', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Loaded').first()).toBeVisible();
  await page.screenshot({ path: `${screenshots}/health.png`, fullPage: true });
  await expectAccessible(page);
});

test('the failing model shows FailedToLoad with its reason and message', async ({
  page,
}) => {
  await openTab(page, 'predictive-analytics', 'health');
  const failure = page
    .getByRole('alert')
    .filter({ hasText: 'The model failed to load' });
  await expect(failure).toContainText(
    'The model failed to load (FailedToLoad): ModelLoadFailed',
  );
  // The model server's own words, as KServe keeps them in lastFailureInfo.
  await expect(failure).toContainText(
    'kserve.errors.ModelMissingError: /mnt/models',
  );
  await page.screenshot({
    path: `${screenshots}/health-failed-to-load.png`,
    fullPage: true,
  });
  await expectAccessible(page);
});

test('the notebook that failed shows dependency_install_failed with its fix hint', async ({
  page,
}) => {
  await openTab(page, 'forecast-capacity', 'training');
  await expect(
    page.getByText('Dependencies could not be installed').first(),
  ).toBeVisible();
  await expect(
    page.getByText('(dependency_install_failed)').first(),
  ).toBeVisible();
  await expect(page.getByText(/restricted-v2/).first()).toBeVisible();
  await page.screenshot({
    path: `${screenshots}/training-dependency-failure.png`,
    fullPage: true,
  });
  await expectAccessible(page);
});

test('the ML Models page summarizes every model in one view', async ({
  page,
}) => {
  await page.goto('/mlops');
  // Each row links the model by its title, with its serving state at a glance.
  const table = page.getByRole('table');
  for (const title of [
    'Anomaly detector',
    'Predictive analytics',
    'Capacity forecaster',
    'Churn predictor',
  ]) {
    await expect(table.getByRole('link', { name: title })).toBeVisible();
  }
  // A failed state keeps its one word; the reason goes on its own line, where it
  // wraps between words (it used to break "ModelLoadFailed" mid-word).
  for (const [state, reason] of [
    ['FailedToLoad', 'ModelLoadFailed'],
    ['Failed', 'Dependencies could not be installed'],
  ]) {
    await expectOneLine(table.getByText(state, { exact: true }).first());
    await expect(table.getByText(reason, { exact: true })).toBeVisible();
  }
  // The failed load's message, in the row of its model.
  await expect(
    table.getByRole('row').filter({
      has: page.getByRole('link', { name: 'Predictive analytics' }),
    }),
  ).toContainText('kserve.errors.ModelMissingError: /mnt/models');
  await page.screenshot({ path: `${screenshots}/models.png`, fullPage: true });
  await expectAccessible(page);
});

test("the narrow cards of a notebook's and a pipeline's page keep words whole", async ({
  page,
}) => {
  // Their tables sit in the page's narrower column, where the theme's cells used to
  // break "Succeeded" and "Duration" inside the word, and the pipeline's times wrapped.
  await page.goto(
    '/catalog/default/component/anomaly-detector-training-notebook',
  );
  const validations = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Cells' }) });
  await expectOneLine(
    validations.getByRole('columnheader', { name: 'Duration' }),
  );
  await expectOneLine(
    validations.getByText('Succeeded', { exact: true }).first(),
  );

  await page.goto(
    '/catalog/default/resource/mlops-demo-model-training-pipeline',
  );
  const runs = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Tasks' }) });
  await expectOneLine(runs.getByRole('columnheader', { name: 'Started' }));
  await expectOneLine(runs.getByText('Succeeded', { exact: true }).first());
  // When a run started and how long it took share a column, each on one line.
  await expectOneLine(runs.getByText(/^took \d/).first());
  await page.screenshot({
    path: `${screenshots}/pipeline.png`,
    fullPage: true,
  });
});

test("a pipeline's recent runs name the model each trains, linked to its page", async ({
  page,
}) => {
  await page.goto(
    '/catalog/default/resource/mlops-demo-model-training-pipeline',
  );
  const runs = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Model' }) });
  const anomalyRun = runs
    .getByRole('row')
    .filter({ hasText: /train-anomaly-detector-/ })
    .first();
  await expect(
    anomalyRun.getByRole('link', { name: 'Anomaly detector' }),
  ).toHaveAttribute('href', '/catalog/default/component/anomaly-detector');
  await anomalyRun.getByRole('link', { name: 'Anomaly detector' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/anomaly-detector$/,
  );
});
