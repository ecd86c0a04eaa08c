import { expect, test } from '@playwright/test';
import {
  backendGet,
  expectAccessible,
  guestToken,
  signInAsGuest,
} from '../helpers';

// Training insight on the seeded demo (packages/dev-cluster seed): a run's task graph
// (finally and skipped tasks), the model metrics its training task reports in the
// Tekton result `metrics`, and two runs compared side by side.

const screenshots = '.run/test/screenshots';

interface TrainingAnswer {
  pipelineRuns: {
    items: Array<{
      name: string;
      skippedTasks?: Array<{ name: string }>;
      metrics?: Array<{ name: string; value: number }>;
    }>;
  };
}

async function trainingOf(model: string): Promise<TrainingAnswer> {
  const { body } = await backendGet<TrainingAnswer>(
    `/api/mlops/entity/component/default/${model}/training`,
    await guestToken(),
  );
  return body;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test('a run draws its task graph with the finally task and the skipped task, and a task opens from the keyboard', async ({
  page,
}) => {
  // The seeded run that skipped its health check by its when expression and ran its
  // finally task; found through the read API, since other tests add newer runs (a
  // failed run skips its health check too, for another reason).
  const answer = await trainingOf('anomaly-detector');
  const run = answer.pipelineRuns.items.find(r =>
    r.skippedTasks?.some(
      t =>
        t.name === 'health-check' &&
        t.reason === 'When Expressions evaluated to false',
    ),
  );
  expect(run, 'the seeded run with a skipped health check').toBeDefined();

  await page.goto('/catalog/default/component/anomaly-detector/training');
  await page
    .getByRole('button', { name: `Show tasks of ${run!.name}` })
    .click();
  const graph = page.getByRole('group', { name: 'Task graph' });
  await expect(graph).toBeVisible();
  await expect(
    graph.getByRole('button', {
      name: /^health-check: Skipped \(When Expressions evaluated to false\), after train-model\./,
    }),
  ).toBeVisible();
  await expect(
    graph.getByRole('button', {
      name: /^report-training-result: Succeeded \(finally\)\./,
    }),
  ).toBeVisible();
  await expect(
    graph.getByRole('button', {
      name: /^publish-model-card: Failed \(ignored\)/,
    }),
  ).toBeVisible();
  await expect(graph.getByText('finally (after all tasks)')).toBeVisible();
  // Wide enough for the whole graph (the card scrolls it sideways when narrower).
  await page.setViewportSize({ width: 1700, height: 1000 });
  await graph.screenshot({ path: `${screenshots}/issue24-run-graph.png` });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await expectAccessible(page);

  // Keyboard: focus the skipped task, Enter opens why it was skipped.
  await graph.getByRole('button', { name: /^health-check:/ }).focus();
  await page.keyboard.press('Enter');
  const skipped = page.getByRole('dialog', {
    name: `health-check in ${run!.name}`,
  });
  await expect(
    skipped.getByText('When Expressions evaluated to false'),
  ).toBeVisible();
  await expect(skipped.getByText(/^when .* in \[true\]$/)).toBeVisible();
  await skipped.getByRole('button', { name: 'Close' }).click();
  await expect(skipped).toBeHidden();

  // Space on the training task opens its TaskRun with the step logs.
  await graph.getByRole('button', { name: /^train-model:/ }).focus();
  await page.keyboard.press('Space');
  const train = page.getByRole('dialog', {
    name: `train-model in ${run!.name}`,
  });
  await expect(
    train.getByRole('table', { name: 'TaskRuns of train-model' }),
  ).toBeVisible();
  await expect(
    train.getByRole('button', {
      name: 'Logs of step create-validation-job of train-model',
    }),
  ).toBeVisible();
  await page.screenshot({
    path: `${screenshots}/issue24-run-graph-task.png`,
  });
  await expectAccessible(page);
});

test('runs show their model metrics, and two runs compare side by side', async ({
  page,
}) => {
  const answer = await trainingOf('anomaly-detector');
  const withMetrics = answer.pipelineRuns.items.filter(r => r.metrics?.length);
  expect(withMetrics.length).toBeGreaterThanOrEqual(2);
  const [a, b] = withMetrics;

  await page.goto('/catalog/default/component/anomaly-detector/training');
  const runs = page.getByRole('table').filter({
    has: page.getByText('Training runs of anomaly-detector, newest first'),
  });
  await expect(
    runs.getByRole('columnheader', { name: 'accuracy' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Model metrics' }),
  ).toBeVisible();
  await expect(
    page.getByText(/^accuracy in \d+ runs: latest [\d.]+, best [\d.]+/),
  ).toBeVisible();

  await runs.getByRole('checkbox', { name: `Compare ${a.name}` }).check();
  await runs.getByRole('checkbox', { name: `Compare ${b.name}` }).check();
  const compared = page.getByRole('table', { name: 'Compared runs' });
  await expect(compared).toBeVisible();
  const accuracy = compared.getByRole('row', { name: /^accuracy/ });
  const accuracyOf = (run: typeof a) =>
    String(run.metrics!.find(m => m.name === 'accuracy')!.value);
  await expect(accuracy).toContainText(accuracyOf(a));
  await expect(accuracy).toContainText(accuracyOf(b));
  if (accuracyOf(a) !== accuracyOf(b)) {
    await expect(accuracy.getByText('differs')).toBeVisible();
    await expect(accuracy.getByText('best')).toBeVisible();
  }
  await compared.screenshot({
    path: `${screenshots}/issue24-compare-runs.png`,
  });
  await page.screenshot({
    path: `${screenshots}/issue24-training-tab.png`,
    fullPage: true,
  });
  await expectAccessible(page);
});
