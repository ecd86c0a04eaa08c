import type { CatalogApi } from '@backstage/catalog-client';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { entity } from '../../testing/fixtures';
import { MlopsModelsTable } from './MlopsModelsTable';

function render(catalogApi: CatalogApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <MlopsModelsTable />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('MlopsModelsTable', () => {
  it('lists every ml-model entity, and nothing else', async () => {
    render(
      catalogApiMock({
        entities: [
          entity({
            name: 'anomaly-detector',
            annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
            spec: { system: 'fraud-platform' },
            relations: [
              { type: 'ownedBy', targetRef: 'group:default/ml-platform-team' },
            ],
          }),
          entity({ name: 'churn-model', annotations: {} }),
          entity({ name: 'payments', type: 'service' }),
          entity({ name: 'training', kind: 'Resource', type: 'ml-model' }),
        ],
      }),
    );

    expect(await screen.findByText('ML models (2)')).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    const detector = rows.find(r => within(r).queryByText('anomaly-detector'))!;
    expect(within(detector).getByText('mlops-demo')).toBeInTheDocument();
    expect(within(detector).getByText('ml-platform-team')).toBeInTheDocument();
    expect(within(detector).getByText('fraud-platform')).toBeInTheDocument();
    expect(within(detector).getByText('production')).toBeInTheDocument();
    expect(
      within(detector).getByRole('link', { name: /anomaly-detector/ }),
    ).toHaveAttribute('href', '/catalog/default/component/anomaly-detector');

    const churn = rows.find(r => within(r).queryByText('churn-model'))!;
    expect(
      within(churn).getByText(
        'annotation mlops.backstage.io/namespace is missing',
      ),
    ).toBeInTheDocument();

    expect(screen.queryByText('payments')).not.toBeInTheDocument();
    expect(screen.queryByText('training')).not.toBeInTheDocument();
  });

  it('links short spec.owner and spec.system refs, before relations are stitched', async () => {
    render(
      catalogApiMock({
        entities: [
          entity({
            annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
            spec: { owner: 'data-science', system: 'fraud-platform' },
          }),
        ],
      }),
    );

    expect(
      await screen.findByRole('link', { name: /data-science/ }),
    ).toHaveAttribute('href', '/catalog/default/group/data-science');
    expect(
      screen.getByRole('link', { name: /fraud-platform/ }),
    ).toHaveAttribute('href', '/catalog/default/system/fraud-platform');
  });

  it('says how to register a model when there is none', async () => {
    render(catalogApiMock({ entities: [entity({ type: 'service' })] }));

    expect(
      await screen.findByText('No ML models in the catalog yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/spec\.type ml-model/)).toBeInTheDocument();
    expect(
      screen.getAllByText(/mlops\.backstage\.io\/namespace/).length,
    ).toBeGreaterThan(0);
  });

  it('shows the catalog error', async () => {
    render(
      catalogApiMock.mock({
        getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
      }),
    );

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Error: catalog is down'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
