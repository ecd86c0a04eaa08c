import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { mlopsApiRef } from '../api/MlopsApi';
import { rootRouteRef } from '../routes';
import { fakeMlopsApi } from '../__testUtils__/fakeMlopsApi';
import { entity } from '../__testUtils__/fixtures';
import {
  healthResponse,
  modelSummary,
  page,
  pipelineRuns,
  summaryResponse,
  trainingResponse,
  validationJob,
  workbench,
} from '../__testUtils__/wireFixtures';
import {
  modelStatusEntityCard,
  notebookEntityCard,
  pipelineEntityCard,
  workbenchEntityCard,
} from './entityCards';
import { healthEntityContent, trainingEntityContent } from './entityContents';
import { modelsPage } from './pages';
import mlopsFrontendPlugin from '../alpha';
import mainEntryDefault from '../index';

const model = entity({
  annotations: {
    'mlops.backstage.io/namespace': 'mlops-demo',
    'mlops.backstage.io/workbench': 'anomaly-detector-workbench',
  },
});
const service = entity({ name: 'payments', type: 'service' });
const pipelineResource = entity({
  name: 'model-training-pipeline',
  kind: 'Resource',
  type: 'ml-pipeline',
  annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
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
const everyKind = [model, service, pipelineResource, notebook];

function mlopsApi() {
  return fakeMlopsApi({
    training: trainingResponse({
      pipelineRuns: page(pipelineRuns(3)),
      validationJobs: page([validationJob({ name: 'validate-ok' })]),
    }),
    health: healthResponse({ workbench: workbench() }),
    summary: summaryResponse([modelSummary()]),
  });
}

describe('mlops plugin (new frontend system)', () => {
  it('is the default export of both the main entry and /alpha, so app discovery finds it', () => {
    expect(mlopsFrontendPlugin.pluginId).toBe('mlops');
    expect(mainEntryDefault).toBe(mlopsFrontendPlugin);
  });

  it('has the Training tab, only on ml-model entities', async () => {
    const tester = createExtensionTester(trainingEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('training');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Training');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(everyKind.map(filter)).toEqual([true, false, false, false]);

    renderInTestApp(
      <TestApiProvider apis={[[mlopsApiRef, mlopsApi()]]}>
        <EntityProvider entity={model}>{tester.reactElement()}</EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Where training runs')).toBeInTheDocument();
  });

  it('has the Health tab, only on ml-model entities', () => {
    const tester = createExtensionTester(healthEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('health');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Health');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect([model, service].map(filter)).toEqual([true, false]);
  });

  // One tester per card: createExtensionTester is typed by the extension.
  const cards = [
    {
      name: 'model-status',
      tester: () => createExtensionTester(modelStatusEntityCard),
      subject: model,
      matches: [true, false, false, false],
      text: 'Last training',
    },
    {
      name: 'workbench',
      tester: () => createExtensionTester(workbenchEntityCard),
      subject: model,
      matches: [true, false, false, false],
      text: 'quay.io/modh/odh-generic-data-science-notebook:2024.1',
    },
    {
      name: 'pipeline',
      tester: () => createExtensionTester(pipelineEntityCard),
      subject: pipelineResource,
      matches: [false, false, true, false],
      text: 'run-2',
    },
    {
      name: 'notebook',
      tester: () => createExtensionTester(notebookEntityCard),
      subject: notebook,
      matches: [false, false, false, true],
      text: 'validate-ok',
    },
  ];

  it.each(cards)(
    'has the $name card, only on its entities',
    async ({ tester: createTester, subject, matches, text }) => {
      const tester = createTester();
      const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
      expect(everyKind.map(filter)).toEqual(matches);

      renderInTestApp(
        <TestApiProvider
          apis={[
            [mlopsApiRef, mlopsApi()],
            [catalogApiRef, catalogApiMock()],
          ]}
        >
          <EntityProvider entity={subject}>
            {tester.reactElement()}
          </EntityProvider>
        </TestApiProvider>,
      );
      expect(await screen.findByText(text)).toBeInTheDocument();
    },
  );

  it('has the ML Models page at /mlops, titled for the sidebar', async () => {
    const tester = createExtensionTester(modelsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/mlops');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('ML Models');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();

    renderInTestApp(tester.reactElement(), {
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [model, service] })],
        [mlopsApiRef, mlopsApi()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('ML models (1)')).toBeInTheDocument();
  });

  describe('installed in an app', () => {
    const apis = [
      [mlopsApiRef, mlopsApi()],
      [catalogApiRef, catalogApiMock({ entities: [model, service] })],
    ] as const;

    it('adds its tabs to ml-model entity pages', async () => {
      // getExtension is typed by extension id: a renamed tab fails to compile.
      expect(
        mlopsFrontendPlugin.getExtension('entity-content:mlops/training'),
      ).toBeDefined();
      expect(
        mlopsFrontendPlugin.getExtension('entity-content:mlops/health'),
      ).toBeDefined();
      expect(mlopsFrontendPlugin.getExtension('page:mlops')).toBeDefined();
      for (const card of [
        'model-status',
        'workbench',
        'notebook',
        'pipeline',
      ] as const) {
        expect(
          mlopsFrontendPlugin.getExtension(`entity-card:mlops/${card}`),
        ).toBeDefined();
      }
      expect(mlopsFrontendPlugin.getExtension('api:mlops')).toBeDefined();

      renderTestApp({
        features: [mlopsFrontendPlugin],
        extensions: [createTestEntityPage({ entity: model })],
        apis,
      });

      // The test entity page opens on its first tab.
      expect(
        await screen.findByText('Where training runs'),
      ).toBeInTheDocument();
    });

    it('adds its card to notebook entity pages', async () => {
      renderTestApp({
        features: [mlopsFrontendPlugin],
        extensions: [createTestEntityPage({ entity: notebook })],
        apis,
      });

      expect(
        await screen.findByText('Notebook validations'),
      ).toBeInTheDocument();
      expect(await screen.findByText('validate-ok')).toBeInTheDocument();
    });

    it('adds no tab to other entities', async () => {
      renderTestApp({
        features: [mlopsFrontendPlugin],
        extensions: [createTestEntityPage({ entity: service })],
        apis,
      });

      expect(
        await screen.findByTestId('empty-entity-page'),
      ).toBeInTheDocument();
    });

    it('serves the ML Models page and lists it in the sidebar', async () => {
      renderTestApp({
        features: [mlopsFrontendPlugin],
        apis,
        initialRouteEntries: ['/mlops'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });

      expect(await screen.findByText('ML models (1)')).toBeInTheDocument();
      const sidebar = screen.getByRole('navigation', { name: 'sidebar nav' });
      expect(
        within(sidebar).getByRole('link', { name: 'ML Models' }),
      ).toHaveAttribute('href', '/mlops');
    });
  });
});
