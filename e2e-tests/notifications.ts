import { DevCluster } from '@backstage-mlops/dev-cluster';
import { expect, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPipelineRunManifest, guestToken } from './helpers';

/**
 * Fails a training run of anomaly-detector (owned by data-science-team, whose member
 * the guest is) on the quick start's dev cluster: the simulated Tekton controller fails
 * its first task (`sim.mlops.dev/outcome: fail`). Returns the run's name and the title
 * of the notification its owner should get.
 */
export async function failTrainingRun(): Promise<{
  name: string;
  title: string;
}> {
  const cluster = await DevCluster.fromStateDir('.run/dev-cluster');
  const name = `train-anomaly-detector-fails-${Date.now().toString(36)}`;
  const file = join(mkdtempSync(join(tmpdir(), 'mlops-e2e-')), 'run.json');
  writeFileSync(
    file,
    demoPipelineRunManifest(name, { 'sim.mlops.dev/outcome': 'fail' }),
  );
  await cluster.kubectl(['create', '-f', file]);
  return { name, title: `Anomaly detector: training run ${name} failed` };
}

/** How many notifications of the guest mention `search`, asked of one backend. */
export async function guestNotificationCount(
  backendUrl: string,
  search: string,
): Promise<number> {
  const res = await fetch(
    `${backendUrl}/api/notifications?search=${encodeURIComponent(search)}`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { totalCount: number }).totalCount;
}

/**
 * The Notifications page shows the notification exactly once; clicking it opens the
 * model's Training tab.
 */
export async function expectOneNotificationOpeningTraining(
  page: Page,
  title: string,
  screenshot: string,
): Promise<void> {
  const notification = page.getByText(title);
  await expect(notification).toBeVisible({ timeout: 60_000 });
  await expect(notification).toHaveCount(1);
  await page.screenshot({ path: screenshot });
  await notification.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/anomaly-detector\/training$/,
  );
}
