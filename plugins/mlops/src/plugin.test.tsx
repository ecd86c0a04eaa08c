import type { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import type { ComponentType } from 'react';
import { Route, Routes } from 'react-router-dom';
import { mlopsApiRef } from './api/MlopsApi';
import { MlopsClient } from './api/MlopsClient';
import {
  EntityMlopsHealthContent,
  EntityMlopsModelStatusCard,
  EntityMlopsNotebookCard,
  EntityMlopsPipelineCard,
  EntityMlopsTrainingContent,
  EntityMlopsWorkbenchCard,
  MlopsModelsPage,
  mlopsPlugin,
} from './plugin';
import { rootRouteRef } from './routes';
import { fakeMlopsApi } from './__testUtils__/fakeMlopsApi';
import { entity, modelEntity } from './__testUtils__/fixtures';
import {
  healthResponse,
  modelSummary,
  page,
  pipelineRuns,
  summaryResponse,
  trainingResponse,
  validationJob,
  workbench,
} from './__testUtils__/wireFixtures';

const model = modelEntity({
  annotations: { 'mlops.backstage.io/workbench': 'anomaly-detector-workbench' },
});
const notebook = entity({
  name: 'train-notebook',
  type: 'notebook',
  annotations: {
    'mlops.backstage.io/notebook-path':
      'notebooks/02-anomaly-detection/01-train.ipynb',
  },
  spec: { subcomponentOf: 'anomaly-detector' },
});
const pipeline = entity({
  name: 'model-training-pipeline',
  kind: 'Resource',
  type: 'ml-pipeline',
  annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
});

const mlopsApi = fakeMlopsApi({
  training: trainingResponse({
    pipelineRuns: page(pipelineRuns(3)),
    validationJobs: page([validationJob({ name: 'validate-ok' })]),
  }),
  health: healthResponse({ workbench: workbench() }),
  summary: summaryResponse([modelSummary()]),
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

  it.each<[string, ComponentType, Entity, string | RegExp]>([
    [
      'EntityMlopsTrainingContent',
      EntityMlopsTrainingContent,
      model,
      'Where training runs',
    ],
    [
      'EntityMlopsHealthContent',
      EntityMlopsHealthContent,
      model,
      'Where the model is served',
    ],
    [
      'EntityMlopsModelStatusCard',
      EntityMlopsModelStatusCard,
      model,
      'Last training',
    ],
    [
      'EntityMlopsWorkbenchCard',
      EntityMlopsWorkbenchCard,
      model,
      'quay.io/modh/odh-generic-data-science-notebook:2024.1',
    ],
    [
      'EntityMlopsNotebookCard',
      EntityMlopsNotebookCard,
      notebook,
      'validate-ok',
    ],
    ['EntityMlopsPipelineCard', EntityMlopsPipelineCard, pipeline, 'run-2'],
  ])(
    'renders %s in a legacy entity page',
    async (_, Extension, subject, text) => {
      await renderInTestApp(
        <TestApiProvider
          apis={[
            [mlopsApiRef, mlopsApi],
            [permissionApiRef, mockApis.permission()],
            [catalogApiRef, catalogApiMock()],
          ]}
        >
          <EntityProvider entity={subject}>
            <Extension />
          </EntityProvider>
        </TestApiProvider>,
        // An entity page lives in an app whose catalog mounts the entity route.
        {
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      );

      expect(await screen.findByText(text)).toBeInTheDocument();
    },
  );

  it('renders MlopsModelsPage at its mount point', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApiMock({ entities: [model] })],
          [mlopsApiRef, mlopsApi],
        ]}
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
