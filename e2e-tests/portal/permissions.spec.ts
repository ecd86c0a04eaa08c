import { expect, test } from '@playwright/test';
import { backendUrl, guestToken, signInAsGuest } from '../helpers';

// The portal's permission policy (packages/backend/src/permissions): the mlops actions
// are allowed only on models the user's team owns. The guest is a member of
// data-science-team; churn-predictor belongs to retention-team.

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test("a user without the run permission on another team's model cannot run training there", async ({
  page,
}) => {
  await page.goto('/catalog/default/component/churn-predictor/training');
  const run = page.getByRole('button', { name: 'Run training' });
  await expect(run).toBeVisible();
  await expect(run).toBeDisabled();
  // A disabled button takes no pointer events: its wrapper shows the reason.
  await run.locator('xpath=..').hover();
  await expect(page.getByRole('tooltip')).toHaveText(
    'You do not have permission to run training (mlops.training.run).',
  );
  await page.screenshot({
    path: '.run/test/screenshots/training-permission-denied.png',
  });

  await page.goto('/catalog/default/component/churn-predictor/health');
  await expect(
    page.getByRole('button', { name: 'Restart serving' }),
  ).toBeDisabled();

  // The same user's own team's model: the button is there and usable.
  await page.goto('/catalog/default/component/anomaly-detector/training');
  await expect(
    page.getByRole('button', { name: 'Run training' }),
  ).toBeEnabled();
});

test('the backend refuses the run for that user with 403, whatever the UI shows', async () => {
  const token = await guestToken();
  const res = await fetch(
    `${backendUrl}/api/mlops/entity/component/default/churn-predictor/mutations/run-training`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ dryRun: true }),
    },
  );
  expect(res.status).toBe(403);
  const body = (await res.json()) as {
    error: { name: string; message: string };
  };
  expect(body.error.name).toBe('NotAllowedError');
  expect(body.error.message).toContain('mlops.training.run');
});
