import { test, expect } from '@playwright/test';
import { backendUrl, signInAsGuest } from '../helpers';
import {
  expectOneNotificationOpeningTraining,
  failTrainingRun,
  guestNotificationCount,
} from '../notifications';

// Notifications to a model's owner: a training run of anomaly-detector fails on the
// quick start's dev cluster while the guest (a member of its owning team) has the
// Notifications page open; one notification appears, linking to the Training tab.

test('the owner gets one notification for a failed training run, with a link to the Training tab', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
  const { name, title } = await failTrainingRun();
  await page.goto('/notifications');
  await expectOneNotificationOpeningTraining(
    page,
    title,
    '.run/test/screenshots/notification-failed-run.png',
  );
  expect(await guestNotificationCount(backendUrl, name)).toBe(1);
});
