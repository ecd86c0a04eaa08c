import { expect, test } from '@playwright/test';
import { signInAsGuest } from '../helpers';

// A new app from @backstage/create-app with the packed plugins installed exactly as the
// README says (scripts/adopter), running against the seeded dev cluster; the model is
// the README's catalog-info.yaml.

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test("the README's model shows its training runs on the Training tab", async ({
  page,
}) => {
  await page.goto('/catalog/default/component/anomaly-detector/training');
  await expect(
    page.getByRole('heading', { name: 'Training runs', exact: true }),
  ).toBeVisible();
  // The seeded runs of the model, with their outcome.
  await expect(
    page.getByText(/^train-anomaly-detector-[a-z0-9]+$/).first(),
  ).toBeVisible();
  await expect(page.getByText('Succeeded').first()).toBeVisible();
});

test("the README's model shows its InferenceService on the Health tab", async ({
  page,
}) => {
  await page.goto('/catalog/default/component/anomaly-detector/health');
  await expect(
    page.getByRole('heading', { name: 'InferenceService anomaly-detector' }),
  ).toBeVisible();
  await expect(page.getByText('Loaded').first()).toBeVisible();
});
