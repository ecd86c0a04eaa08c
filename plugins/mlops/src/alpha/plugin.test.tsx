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
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { mlopsApiRef } from '../api/MlopsApi';
import { rootRouteRef } from '../routes';
import { entity, fakeMlopsApi, healthWith } from '../testing/fixtures';
import { healthEntityContent, trainingEntityContent } from './entityContents';
import { modelsPage } from './pages';
import mlopsFrontendPlugin from '../alpha';
import mainEntryDefault from '../index';

const model = entity({
  annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
});
const service = entity({ name: 'payments', type: 'service' });
const pipelineResource = entity({
  name: 'model-training-pipeline',
  kind: 'Resource',
  type: 'ml-pipeline',
});

describe('mlops plugin (new frontend system)', () => {
  it('is the default export of both the main entry and /alpha, so app discovery finds it', () => {
    expect(mlopsFrontendPlugin.id).toBe('mlops');
    expect(mainEntryDefault).toBe(mlopsFrontendPlugin);
  });

  it('has the Training tab, only on ml-model entities', async () => {
    const tester = createExtensionTester(trainingEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('training');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Training');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect([model, service, pipelineResource].map(filter)).toEqual([
      true,
      false,
      false,
    ]);

    renderInTestApp(
      <TestApiProvider apis={[[mlopsApiRef, fakeMlopsApi(healthWith('dev'))]]}>
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

  it('has the ML Models page at /mlops, titled for the sidebar', async () => {
    const tester = createExtensionTester(modelsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/mlops');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('ML Models');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();

    renderInTestApp(tester.reactElement(), {
      apis: [[catalogApiRef, catalogApiMock({ entities: [model, service] })]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('ML models (1)')).toBeInTheDocument();
  });

  describe('installed in an app', () => {
    const apis = [
      [mlopsApiRef, fakeMlopsApi(healthWith('dev'))],
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
