import { DevCluster } from '@backstage-mlops/dev-cluster';
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPipelineRunManifest, signInAsGuest } from '../helpers';

// Logs in the Training tab: a finished step's log, and a running step's log that
// grows in the open dialog (the simulated controller writes a progress line per tick
// while a step is held by sim.mlops.dev/step-seconds).

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test("a finished step's log opens from the run's task list", async ({
  page,
}) => {
  await page.goto('/catalog/default/component/anomaly-detector/training');
  await page
    .getByRole('button', { name: /^Show tasks of train-anomaly-detector-/ })
    .first()
    .click();
  await page
    .getByRole('button', {
      name: 'Logs of step create-validation-job of train-model',
    })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('starting step "create-validation-job"');
  await expect(dialog).toContainText('step create-validation-job completed');
  await expect(dialog).toContainText('The whole log is shown.');
  await page.screenshot({ path: '.run/test/screenshots/step-log.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test("a running step's log follows in the open dialog", async ({ page }) => {
  test.setTimeout(180_000);
  const cluster = await DevCluster.fromStateDir('.run/dev-cluster');
  await page.goto('/catalog/default/component/anomaly-detector/training');
  await expect(
    page.getByRole('status', { name: 'Live updates: Live' }),
  ).toBeVisible();

  const name = `train-anomaly-detector-logs-${Date.now().toString(36)}`;
  const file = join(mkdtempSync(join(tmpdir(), 'mlops-e2e-')), 'run.json');
  writeFileSync(
    file,
    demoPipelineRunManifest(name, { 'sim.mlops.dev/step-seconds': '90' }),
  );
  await cluster.kubectl(['create', '-f', file]);
  try {
    await page
      .getByRole('button', { name: `Show tasks of ${name}` })
      .click({ timeout: 15_000 });
    const logs = page.getByRole('button', {
      name: 'Logs of step create-validation-job of train-model',
    });
    await expect(logs).toBeEnabled({ timeout: 30_000 });
    await logs.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Following the log as it is written');
    // The first progress lines arrive, then more without reopening the dialog.
    await expect(dialog).toContainText(/progress \S+ of 1m30s/, {
      timeout: 30_000,
    });
    const lines = () => dialog.getByText(/progress \S+ of 1m30s/).count();
    const seen = await lines();
    await expect.poll(lines, { timeout: 30_000 }).toBeGreaterThan(seen);
  } finally {
    // Its steps are held for 90 s each: do not leave it running for the next tests.
    await cluster.kubectl(['delete', 'pipelinerun', '-n', 'mlops-demo', name]);
  }
});
