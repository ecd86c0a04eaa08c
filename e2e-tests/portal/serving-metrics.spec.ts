import { DevCluster, serveTestModel } from '@backstage-mlops/dev-cluster';
import { expect, test } from '@playwright/test';
import { signInAsGuest } from '../helpers';

// Serving metrics on the quick start's dev cluster: an InferenceService that the
// cluster serves for real with MLServer (a scikit-learn model written into the demo's
// model volume), discovered into the catalog, gets requests; the Prometheus that
// `./dev start` runs scrapes the server, and the model's Health tab charts the samples.

const NS = 'mlops-demo';

test('the Health tab charts the request rate, latency, CPU and memory that Prometheus scraped from the model server', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const cluster = await DevCluster.fromStateDir('.run/dev-cluster');
  expect(
    cluster.state.scrapeTargets,
    'the dev cluster runs model servers',
  ).toBeTruthy();

  const model = await serveTestModel(cluster, {
    namespace: NS,
    claim: 'model-storage-pvc',
    name: `metrics-e2e-${Date.now().toString(36)}`,
  });
  const isvc = model.name;

  // Requests through the cluster's service network, one in five a bad one (three
  // features for a two-feature model), until the test ends.
  let sending = true;
  let sent = 0;
  const traffic = (async () => {
    while (sending) {
      sent += 1;
      await model
        .infer(sent % 5 === 0 ? [0, 1, 1] : [1, 0])
        .catch(() => undefined);
      await new Promise(r => setTimeout(r, 500));
    }
  })();

  try {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await signInAsGuest(page);
    // Discovery makes the InferenceService a model entity: <model>.<namespace>.<cluster>.
    const health = `/catalog/default/component/${isvc}.${NS}.dev/health`;
    await expect(async () => {
      await page.goto(health);
      await expect(
        page.getByRole('heading', { name: 'Serving metrics' }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000 });

    const requestRate = page.getByText(
      /^Request rate over the last hour: latest \d/,
    );
    await expect(async () => {
      await page
        .getByRole('button', { name: 'Refresh serving metrics' })
        .click();
      await expect(requestRate).toBeVisible({ timeout: 5_000 });
      await expect(requestRate).not.toHaveText(/latest 0 req\/s/);
    }).toPass({ timeout: 150_000 });
    await expect(
      page.getByText(/^Latency over the last hour: p50 latest [\d.]+ ms/),
    ).toBeVisible();
    await expect(
      page.getByText(
        /^CPU over the last hour: latest [\d.]+ cores \(the model server process's own process_cpu_seconds_total/,
      ),
    ).toBeVisible();
    await expect(
      page.getByText(/^Memory over the last hour: latest [\d.]+ MiB/),
    ).toBeVisible();
    // The chart itself: the samples drawn in the request rate figure.
    await expect(
      page
        .locator('figure')
        .filter({ has: requestRate })
        .locator('.recharts-line-dot')
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: '.run/test/screenshots/serving-metrics.png',
      fullPage: true,
    });

    await page.getByRole('button', { name: '24h' }).click();
    await expect(
      page.getByText(/^Request rate over the last 24 hours: /),
    ).toBeVisible();
  } finally {
    sending = false;
    await traffic;
    await model.delete();
  }
});
