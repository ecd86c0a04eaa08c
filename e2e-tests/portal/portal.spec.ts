import { expect, test } from '@playwright/test';
import { backendGet, guestToken, signInAsGuest } from '../helpers';

interface CatalogEntity {
  metadata: { name: string };
  relations?: Array<{ type: string; targetRef: string }>;
}

test('the portal opens the catalog at /catalog, its usual address', async ({
  page,
}) => {
  await signInAsGuest(page);
  await expect(page).toHaveURL(/\/catalog(\?|$)/);
  await page.goto('/catalog');
  await expect(
    page.getByRole('heading', { name: /catalog/i }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('Looks like someone dropped the mic'),
  ).toHaveCount(0);
});

test("every sidebar item's label fits the sidebar", async ({ page }) => {
  await signInAsGuest(page);
  const labels = page.locator('nav a [class*="BackstageSidebarItem-label"]');
  await expect(labels.filter({ hasText: 'Register' })).toBeVisible();
  const cut = await labels.evaluateAll(spans =>
    spans
      .filter(span => span.scrollWidth > span.clientWidth)
      .map(span => span.textContent),
  );
  expect(cut).toEqual([]);
});

test('the catalog page lists the demo models', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  // The catalog table shows each entity's title.
  for (const model of [
    'Anomaly detector',
    'Predictive analytics',
    'Capacity forecaster',
  ]) {
    await expect(
      page.getByRole('link', { name: model, exact: true }),
    ).toBeVisible();
  }
});

test('a model page has Overview, Training, Health and Kubernetes tabs', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/anomaly-detector');
  // The entity page's tabs are links in its header navigation.
  const tabs = page.getByRole('list').filter({
    has: page.getByRole('link', { name: 'Overview', exact: true }),
  });
  for (const tab of ['Overview', 'Training', 'Health', 'Kubernetes']) {
    await expect(
      tabs.getByRole('link', { name: tab, exact: true }),
    ).toBeVisible();
  }
  // A model neither provides nor consumes catalog APIs: no API tab or cards (looked
  // for once the overview's relation cards are there).
  await expect(
    page.getByRole('heading', { name: 'Has subcomponents' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Depends on resources' }),
  ).toBeVisible();
  await expect(
    tabs.getByRole('link', { name: 'APIs', exact: true }),
  ).toHaveCount(0);
  await expect(
    page.getByRole('heading', { name: 'Provided APIs' }),
  ).toHaveCount(0);
  await tabs.getByRole('link', { name: 'Training', exact: true }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/anomaly-detector\/training/,
  );
  await expect(page.getByText('Where training runs')).toBeVisible();
  await expect(page.getByText('mlops-demo', { exact: true })).toBeVisible();
});

test("a model's Overview leads with its status and workbench, then the relations it has", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/anomaly-detector');
  const cardsInOrder = [
    'ML model status',
    'Workbench',
    'Depends on resources',
    'Has subcomponents',
    'Relations',
  ];
  const tops: number[] = [];
  for (const card of cardsInOrder) {
    const heading = page.getByRole('heading', { name: card, exact: true });
    await expect(heading).toBeVisible();
    const box = await heading.boundingBox();
    if (!box) throw new Error(`The ${card} card has no position on the page`);
    tops.push(box.y);
  }
  expect(tops).toEqual([...tops].sort((a, b) => a - b));
  // The demo model depends on no component: no card that could only say "none".
  await expect(
    page.getByRole('heading', { name: 'Depends on components' }),
  ).toHaveCount(0);
});

test('a notebook page leaves out the relation cards it has nothing for', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/component/anomaly-detector-training-notebook',
  );
  await expect(
    page.getByRole('heading', { name: 'Notebook validations' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Relations' })).toBeVisible();
  for (const card of [
    'Depends on components',
    'Depends on resources',
    'Has subcomponents',
    'Provided APIs',
  ]) {
    await expect(page.getByRole('heading', { name: card })).toHaveCount(0);
  }
});

test('the demo models, notebooks and pipelines carry their relations', async () => {
  const token = await guestToken();
  const relationsOf = async (ref: string) => {
    const { status, body } = await backendGet<CatalogEntity>(
      `/api/catalog/entities/by-name/${ref}`,
      token,
    );
    return status === 200
      ? (body.relations ?? []).map(r => `${r.type} ${r.targetRef}`)
      : [];
  };
  // The catalog ingests the demo asynchronously after start-up.
  await expect
    .poll(() => relationsOf('component/default/anomaly-detector'), {
      timeout: 60_000,
    })
    .toEqual(
      expect.arrayContaining([
        'dependsOn resource:default/mlops-demo-model-training-pipeline',
        'hasPart component:default/anomaly-detector-training-notebook',
        'ownedBy group:default/data-science-team',
        'partOf system:default/self-healing-platform',
      ]),
    );
  await expect
    .poll(
      () => relationsOf('resource/default/mlops-demo-model-training-pipeline'),
      { timeout: 60_000 },
    )
    .toEqual(
      expect.arrayContaining([
        'dependencyOf component:default/anomaly-detector',
        'dependencyOf component:default/predictive-analytics',
        'dependencyOf component:default/forecast-capacity',
      ]),
    );
});

test('the quick start runs the local dev cluster, and both plugins see it', async ({
  page,
}) => {
  const { body } = await backendGet<{ clusters: Array<{ name: string }> }>(
    '/api/mlops/clusters',
    await guestToken(),
  );
  expect(body.clusters.map(c => c.name)).toEqual(['dev']);

  await signInAsGuest(page);
  await page.goto('/catalog/default/component/anomaly-detector/kubernetes');
  await expect(page.getByText('Your Clusters')).toBeVisible();
  await expect(page.getByText('dev', { exact: true })).toBeVisible();
  await expect(page.getByText(/\d+ pods/)).toBeVisible();

  await page.goto('/catalog/default/component/anomaly-detector/training');
  await expect(page.getByText('the configured cluster (dev)')).toBeVisible();
  await expect(page.getByText('No cluster is configured')).toHaveCount(0);
});
