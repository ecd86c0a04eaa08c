import { DevCluster } from '@backstage-mlops/dev-cluster';
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPipelineRunManifest, signInAsGuest } from '../helpers';

// Live status: a PipelineRun created on the quick start's dev cluster while the
// Training tab is open appears, and reaches Succeeded (the simulated Tekton
// controller runs it), without a reload: the backend signals the model's ref over
// Backstage Signals (the portal's /api/signals WebSocket, channel
// mlops:entity-changed) and the tab reads again through /api/mlops.

test('a run started on the cluster appears on the open Training tab and finishes there, without a reload', async ({
  page,
}) => {
  const cluster = await DevCluster.fromStateDir('.run/dev-cluster');
  // What the signals WebSocket brings to the page.
  const signals: Array<{ at: number; channel: string; entityRef?: string }> =
    [];
  page.on('websocket', socket => {
    if (!socket.url().includes('/api/signals')) return;
    socket.on('framereceived', ({ payload }) => {
      const { channel, message } = JSON.parse(String(payload));
      signals.push({ at: Date.now(), channel, entityRef: message?.entityRef });
    });
  });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/anomaly-detector/training');
  await expect(
    page.getByRole('status', { name: 'Live updates: Live' }),
  ).toBeVisible();
  let reloads = 0;
  page.on('load', () => {
    reloads += 1;
  });

  const name = `train-anomaly-detector-live-${Date.now().toString(36)}`;
  const file = join(mkdtempSync(join(tmpdir(), 'mlops-e2e-')), 'run.json');
  writeFileSync(file, demoPipelineRunManifest(name));
  const created = Date.now();
  await cluster.kubectl(['create', '-f', file]);

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 10_000 });
  const shown = Date.now();
  await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 60_000 });
  expect(reloads).toBe(0);
  // It came by a signal naming the model, on the documented channel.
  const ours = signals.filter(
    s =>
      s.at >= created &&
      s.channel === 'mlops:entity-changed' &&
      s.entityRef === 'component:default/anomaly-detector',
  );
  expect(ours.length).toBeGreaterThan(0);
  // The figure for the notes (not a timed assertion): kubectl create to the row.
  console.log(
    `live updates: kubectl create -> row on the open tab ${
      shown - created
    } ms (first signal after ${ours[0].at - created} ms)`,
  );
});

test('Run training from the Training tab: the dialog shows the params, the new run appears and succeeds without a reload', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/anomaly-detector/training');
  await expect(
    page.getByRole('status', { name: 'Live updates: Live' }),
  ).toBeVisible();
  let reloads = 0;
  page.on('load', () => {
    reloads += 1;
  });

  await page.getByRole('button', { name: 'Run training' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Run training pipeline model-training-pipeline',
  });
  // Prefilled by a server-side dry run: the model's name, fixed.
  await expect(dialog.getByLabel('model-name')).toHaveValue('anomaly-detector');
  await expect(dialog.getByLabel('model-name')).toBeDisabled();
  await page.screenshot({
    path: '.run/test/screenshots/run-training-dialog.png',
  });
  await dialog.getByRole('button', { name: 'Start run' }).click();

  const started = page.getByText(/^Started training run (\S+)$/);
  await expect(started).toBeVisible();
  const name = (await started.textContent())!.replace(
    'Started training run ',
    '',
  );
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 60_000 });
  expect(reloads).toBe(0);
});
