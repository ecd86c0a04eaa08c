import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { mlopsApiRef } from './api/MlopsApi';
import { MlopsClient } from './api/MlopsClient';
import {
  EntityMlopsHealthContent,
  EntityMlopsTrainingContent,
  MlopsModelsPage,
  mlopsPlugin,
} from './plugin';
import { rootRouteRef } from './routes';
import { entity, fakeMlopsApi, healthWith } from './testing/fixtures';

const model = entity({
  annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
});

describe('mlopsPlugin (legacy frontend system)', () => {
  it('is the mlops plugin, with its page route and its API', () => {
    expect(mlopsPlugin.getId()).toBe('mlops');
    expect(mlopsPlugin.routes.root).toBe(rootRouteRef);
    const [factory] = Array.from(mlopsPlugin.getApis());
    expect(factory.api).toBe(mlopsApiRef);
    expect(factory.api.id).toBe('plugin.mlops.api');
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    expect(
      factory.factory({
        discoveryApi: { getBaseUrl: jest.fn() },
        fetchApi: { fetch: jest.fn() },
      }),
    ).toBeInstanceOf(MlopsClient);
  });

  it.each([
    [
      'EntityMlopsTrainingContent',
      EntityMlopsTrainingContent,
      'Where training runs',
    ],
    [
      'EntityMlopsHealthContent',
      EntityMlopsHealthContent,
      'Where the model is served',
    ],
  ])('renders %s in a legacy entity page', async (_, Content, heading) => {
    await renderInTestApp(
      <TestApiProvider apis={[[mlopsApiRef, fakeMlopsApi(healthWith('dev'))]]}>
        <EntityProvider entity={model}>
          <Content />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(await screen.findByText(heading)).toBeInTheDocument();
  });

  it('renders MlopsModelsPage at its mount point', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[catalogApiRef, catalogApiMock({ entities: [model] })]]}
      >
        <Routes>
          <Route path="/mlops" element={<MlopsModelsPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/mlops'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      await screen.findByRole('heading', { name: 'ML Models' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('ML models (1)')).toBeInTheDocument();
  });
});
