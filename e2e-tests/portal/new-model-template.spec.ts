import { DevCluster } from '@backstage-mlops/dev-cluster';
import { expect, test } from '@playwright/test';
import { signInAsGuest } from '../helpers';

// The "New ML model" template from the portal's Create page, as a user runs it: the
// form, the scaffolder task on the local dev cluster (check, local git repository,
// apply, catalog registration, first training run), and the new model's page. The
// cluster executes the project (issue 21): its S2I build clones the published
// repository from the cluster's git server, the notebook trains, MLServer serves the
// promoted model and the post-deployment check asks it for predictions.

const model = `e2e-model-${Date.now().toString(36)}`;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test('Create → New ML model makes a trained model whose Training tab shows its first run and whose Health tab shows a served model that answers', async ({
  page,
}) => {
  test.setTimeout(420_000);
  // Where the portal's locally published repositories are served to the cluster.
  const { gitServer } = (await DevCluster.fromStateDir('.run/dev-cluster'))
    .state;
  expect(
    gitServer,
    'the dev cluster serves published repositories',
  ).toBeTruthy();
  await page.goto('/create');
  await page
    .getByRole('article')
    .filter({ hasText: 'New ML model' })
    .getByRole('button', { name: 'Choose' })
    .click();

  // Step 1: the model.
  await page.getByRole('textbox', { name: 'Name' }).fill(model);
  await page.getByRole('textbox', { name: 'Owner' }).fill('data-science');
  await page.getByRole('option', { name: /data-science-team/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  // Step 2: where it runs (the demo's cluster and namespace are the defaults).
  await expect(
    page.getByRole('textbox', { name: 'Namespace', exact: true }),
  ).toHaveValue('mlops-demo');
  await page.getByRole('button', { name: 'Next' }).click();
  // Step 3: the repository (a local git repository in the demo), and the URL the
  // cluster clones the project from: the cluster's git server (as ./dev start says).
  await page
    .getByRole('textbox', {
      name: /Git URL the cluster builds and trains from/,
    })
    .fill(`${gitServer}/${model}`);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task: every step completes, the output links the model and its first run.
  const firstRun = page.getByRole('link', { name: /^First training run / });
  await expect(firstRun).toBeVisible({ timeout: 360_000 });
  await expect(firstRun).toHaveText(
    new RegExp(`First training run train-${model}-\\S+ \\(Succeeded\\)`),
  );
  await page.screenshot({ path: '.run/test/screenshots/new-model-task.png' });

  // The run's link opens the new model's Training tab (in a new tab: follow it here).
  const href = await firstRun.getAttribute('href');
  expect(href).toMatch(
    new RegExp(`/catalog/default/component/${model}/training$`),
  );
  await page.goto(href!);
  await expect(
    page.getByRole('heading', { name: 'Training runs', exact: true }),
  ).toBeVisible();
  // (The run's validation job is also named train-<model>-…: the run's row is the one
  // that shows its tasks.)
  await expect(
    page.getByRole('row', {
      name: new RegExp(`^Show tasks of train-${model}-`),
    }),
  ).toContainText('Succeeded');

  // The Health tab: the InferenceService serves the promoted model (MLServer loaded
  // it), and the post-deployment check's answer from the server matches it.
  await page.goto(`/catalog/default/component/${model}/health`);
  await expect(
    page.getByRole('heading', { name: `InferenceService ${model}` }),
  ).toBeVisible();
  await expect(page.getByText('Ready', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Loaded').first()).toBeVisible();
  await expect(
    page.getByText('200: ready, 3 predictions match the promoted model'),
  ).toBeVisible();
  await expect(
    page.getByText(
      /healthy: model\.pkl loads and predicts the trained model's 3 sample predictions/,
    ),
  ).toBeVisible();
  await page.screenshot({
    path: '.run/test/screenshots/new-model-health.png',
    fullPage: true,
  });
});
