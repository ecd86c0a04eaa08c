import { expect, test } from '@playwright/test';
import { backendUrl, guestToken, signInAsGuest } from '../helpers';
import {
  expectOneNotificationOpeningTraining,
  failTrainingRun,
  guestNotificationCount,
} from '../notifications';

// Two backend replicas (the portal's on 7007, a second on 7008; `./dev test replicas`)
// share one PostgreSQL and both watch the dev cluster, so both see a training run
// fail. The owner still gets exactly one notification.

const SECOND_REPLICA = 'http://localhost:7008';

/** The run's status as one replica's Training tab reads it. */
async function runStatus(url: string, run: string) {
  const res = await fetch(
    `${url}/api/mlops/entity/component/default/anomaly-detector/training?limit=50`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
  if (!res.ok) return `HTTP ${res.status}`;
  const body = (await res.json()) as {
    pipelineRuns: { items: Array<{ name: string; status: string }> };
  };
  return body.pipelineRuns.items.find(r => r.name === run)?.status;
}

test('with two backend replicas, the owner gets one notification for a failed training run', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  // Both replicas are up and answer for the same database.
  for (const url of [backendUrl, SECOND_REPLICA]) {
    const res = await fetch(`${url}/.backstage/health/v1/readiness`);
    expect(res.status).toBe(200);
  }
  await signInAsGuest(page);
  const { name, title } = await failTrainingRun();

  // Whichever replica sent it, both read it from the shared database.
  await expect
    .poll(() => guestNotificationCount(SECOND_REPLICA, name), {
      timeout: 60_000,
    })
    .toBe(1);
  expect(await guestNotificationCount(backendUrl, name)).toBe(1);

  await page.goto('/notifications');
  await expectOneNotificationOpeningTraining(
    page,
    title,
    '.run/test/screenshots/notification-failed-run-two-replicas.png',
  );
  // Both replicas' caches have the run as Failed (so both notifiers were handed the
  // failure), and there is still one.
  for (const url of [backendUrl, SECOND_REPLICA]) {
    await expect
      .poll(() => runStatus(url, name), { timeout: 30_000 })
      .toBe('Failed');
  }
  expect(await guestNotificationCount(SECOND_REPLICA, name)).toBe(1);
});
