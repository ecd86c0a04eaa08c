import { expect, test } from '@playwright/test';
import { backendGet, guestToken } from '../helpers';

// Runs against a backend started with app-config.postgres.yaml (`./dev test postgres`).

interface CatalogEntity {
  relations?: Array<{ type: string; targetRef: string }>;
}

test('the catalog ingests the demo into PostgreSQL, with relations', async () => {
  const token = await guestToken();
  await expect
    .poll(
      async () => {
        const { status, body } = await backendGet<CatalogEntity>(
          '/api/catalog/entities/by-name/component/default/predictive-analytics',
          token,
        );
        return status === 200
          ? (body.relations ?? []).map(r => `${r.type} ${r.targetRef}`)
          : [];
      },
      { timeout: 60_000 },
    )
    .toEqual(
      expect.arrayContaining([
        'dependsOn resource:default/mlops-demo-model-training-pipeline',
        'hasPart component:default/predictive-analytics-training-notebook',
      ]),
    );
});

test('search runs on the Postgres engine and finds the models', async () => {
  const token = await guestToken();
  await expect
    .poll(
      async () => {
        const { status, body } = await backendGet<{
          results: Array<{ document: { title: string } }>;
        }>('/api/search/query?term=anomaly&types[0]=software-catalog', token);
        return status === 200 ? body.results.map(r => r.document.title) : [];
      },
      { timeout: 90_000, intervals: [2000] },
    )
    .toContain('Anomaly detector');
});

test('the mlops backend plugin answers on PostgreSQL', async () => {
  const { status, body } = await backendGet<{ status: string }>(
    '/api/mlops/clusters',
    await guestToken(),
  );
  expect(status).toBe(200);
  expect(body.status).toBe('ok');
});
