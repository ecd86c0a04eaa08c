import { DevCluster } from '@backstage-mlops/dev-cluster';
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backendGet,
  demoPipelineRunManifest,
  guestToken,
  signInAsGuest,
} from '../helpers';

// Notifications to a model's owner: a training run of anomaly-detector (owned by
// data-science-team, whose member the guest is) fails on the quick start's dev cluster
// (the simulated Tekton controller fails its first task); the guest gets one
// notification on the portal's Notifications page, linking to the Training tab.

test('the owner gets one notification for a failed training run, with a link to the Training tab', async ({
  page,
}) => {
  const cluster = await DevCluster.fromStateDir('.run/dev-cluster');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);

  const name = `train-anomaly-detector-fails-${Date.now().toString(36)}`;
  const file = join(mkdtempSync(join(tmpdir(), 'mlops-e2e-')), 'run.json');
  writeFileSync(
    file,
    demoPipelineRunManifest(name, { 'sim.mlops.dev/outcome': 'fail' }),
  );
  await cluster.kubectl(['create', '-f', file]);

  const title = `Anomaly detector: training run ${name} failed`;
  await page.goto('/notifications');
  const notification = page.getByText(title);
  await expect(notification).toBeVisible({ timeout: 60_000 });
  await expect(notification).toHaveCount(1);
  await page.screenshot({
    path: '.run/test/screenshots/notification-failed-run.png',
  });

  // The notifications backend holds exactly one for this run.
  const { status, body } = await backendGet<{ totalCount: number }>(
    `/api/notifications?search=${encodeURIComponent(name)}`,
    await guestToken(),
  );
  expect(status).toBe(200);
  expect(body.totalCount).toBe(1);

  await notification.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/anomaly-detector\/training$/,
  );
});
