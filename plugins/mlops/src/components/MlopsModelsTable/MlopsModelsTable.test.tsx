import type { CatalogApi } from '@backstage/catalog-client';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { MlopsModelSummary } from '@backstage-mlops/plugin-mlops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mlopsApiRef, type MlopsApi } from '../../api/MlopsApi';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { entity } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import {
  minutesAgo,
  modelSummary,
  staleCluster,
  summaryResponse,
} from '../../__testUtils__/wireFixtures';
import { MlopsModelsTable } from './MlopsModelsTable';

function render(catalogApi: CatalogApi, mlopsApi: MlopsApi = fakeMlopsApi()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [mlopsApiRef, mlopsApi],
      ]}
    >
      <MlopsModelsTable />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function model(name: string, owner = 'team-a') {
  return entity({
    name,
    annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
    spec: { owner },
  });
}

function summary(name: string, overrides: Partial<MlopsModelSummary> = {}) {
  return modelSummary({ entityRef: `component:default/${name}`, ...overrides });
}

const models = [model('alpha'), model('bravo', 'team-b'), model('charlie')];
// What KServe's sklearn server writes into lastFailureInfo.message.
const LOAD_TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/sklearnserver/sklearnserver/model.py", line 46, in load',
  '    raise ModelMissingError(model_path)',
  'kserve.errors.ModelMissingError: /mnt/models',
].join('\n');

const summaries = [
  summary('alpha', {
    lastTraining: {
      name: 'a-1',
      status: 'Succeeded',
      completedAt: minutesAgo(5),
    },
  }),
  summary('bravo', {
    lastTraining: {
      name: 'b-1',
      status: 'Failed',
      completedAt: minutesAgo(60),
    },
    serving: {
      name: 'bravo',
      ready: 'False',
      failingCondition: {
        type: 'PredictorReady',
        reason: 'MinimumReplicasUnavailable',
      },
      modelState: {
        state: 'FailedToLoad',
        loadFailure: {
          reason: 'ModelLoadFailed',
          message: LOAD_TRACEBACK,
        },
      },
    },
  }),
  summary('charlie', {
    lastTraining: { name: 'c-1', status: 'Running', startedAt: minutesAgo(2) },
    lastValidation: {
      name: 'v',
      phase: 'Failed',
      status: 'Failed',
      errorCategory: 'dependency_install_failed',
    },
  }),
];

// Role queries over material-table's DOM take seconds in jsdom; these helpers
// read the body rows and the select options directly.
function rowNames() {
  return Array.from(document.querySelectorAll('tbody tr'))
    .map(row => row.querySelector('a')?.textContent)
    .filter(Boolean);
}

function rowOf(name: string): HTMLElement {
  return screen.getByText(name, { selector: 'a, a *' }).closest('tr')!;
}

async function choose(select: string, option: string) {
  await userEvent.click(screen.getByLabelText(select));
  await userEvent.click(screen.getByText(option, { selector: 'li' }));
}

describe('MlopsModelsTable', () => {
  it('lists every ml-model entity with its status, from one summary request', async () => {
    const mlopsApi = fakeMlopsApi({ summary: summaryResponse(summaries) });
    await render(
      catalogApiMock({
        entities: [...models, entity({ name: 'payments', type: 'service' })],
      }),
      mlopsApi,
    );

    expect(await screen.findByText('ML models (3)')).toBeInTheDocument();
    await screen.findByText('FailedToLoad');
    const bravo = rowOf('bravo');
    expect(within(bravo).getByText('Failed')).toBeInTheDocument();
    expect(within(bravo).getByText('1 hour ago')).toBeInTheDocument();
    // A failed load, its reason on a line of its own and the line of its
    // traceback that names the error; the whole traceback on hover.
    expect(within(bravo).getByText('FailedToLoad')).toBeInTheDocument();
    expect(within(bravo).getByText('ModelLoadFailed')).toBeInTheDocument();
    expect(
      within(bravo).getByText('kserve.errors.ModelMissingError: /mnt/models'),
    ).toHaveAttribute('title', LOAD_TRACEBACK);
    expect(within(bravo).queryByText(/line 46, in load/)).toBeNull();
    expect(within(bravo).getByText('Complete')).toBeInTheDocument();
    expect(within(bravo).getByText('team-b')).toBeInTheDocument();
    expect(within(bravo).getByText('mlops-demo')).toBeInTheDocument();
    expect(within(bravo).getByText('cluster dev')).toBeInTheDocument();
    const charlie = rowOf('charlie');
    expect(
      within(charlie).getByText('Dependencies could not be installed'),
    ).toBeInTheDocument();
    expect(screen.queryByText('payments')).not.toBeInTheDocument();

    expect(mlopsApi.getSummary).toHaveBeenCalledTimes(1);
    expect(mlopsApi.getSummary).toHaveBeenCalledWith([
      'component:default/alpha',
      'component:default/bravo',
      'component:default/charlie',
    ]);
  });

  it("shows each model's last 24 h of serving, from one request for every row", async () => {
    const mlopsApi = fakeMlopsApi({
      summary: summaryResponse(summaries),
      servingDay: {
        items: [
          {
            entityRef: 'component:default/alpha',
            requests: 1204,
            errorRate: 0.005,
            latencyP95: 0.035,
          },
          { entityRef: 'component:default/bravo' },
          {
            entityRef: 'component:default/charlie',
            problem:
              'no Prometheus is configured for cluster dev: set mlops.clusters[].prometheus.url',
          },
        ],
      },
    });
    await render(catalogApiMock({ entities: models }), mlopsApi);

    expect(await screen.findByText('ML models (3)')).toBeInTheDocument();
    expect(
      await within(rowOf('alpha')).findByText(
        '1,204 requests, 0.5 % errors, p95 35 ms',
      ),
    ).toBeInTheDocument();
    expect(within(rowOf('bravo')).getByText('no requests')).toBeInTheDocument();
    expect(
      within(rowOf('charlie')).getByText(
        /No serving metrics: no Prometheus is configured for cluster dev/,
      ),
    ).toBeInTheDocument();
    expect(mlopsApi.getServingDay).toHaveBeenCalledTimes(1);
    expect(mlopsApi.getServingDay).toHaveBeenCalledWith([
      'component:default/alpha',
      'component:default/bravo',
      'component:default/charlie',
    ]);
  });

  it('shows the annotation problem of a model', async () => {
    const mlopsApi = fakeMlopsApi({
      summary: summaryResponse([
        {
          entityRef: 'component:default/churn-model',
          problem: 'annotation mlops.backstage.io/namespace is missing',
        },
      ]),
    });
    await render(
      catalogApiMock({ entities: [entity({ name: 'churn-model' })] }),
      mlopsApi,
    );

    // The table redraws its rows once the summary is in.
    await waitFor(() => expect(mlopsApi.getSummary).toHaveBeenCalled());
    await waitFor(() =>
      expect(
        within(rowOf('churn-model')).getByText(
          'annotation mlops.backstage.io/namespace is missing',
        ),
      ).toBeInTheDocument(),
    );
  });

  it('filters by text', async () => {
    await render(
      catalogApiMock({ entities: models }),
      fakeMlopsApi({ summary: summaryResponse(summaries) }),
    );
    await screen.findByText('FailedToLoad');

    await userEvent.type(screen.getByLabelText('Filter models'), 'char');
    expect(await screen.findByText('ML models (1 of 3)')).toBeInTheDocument();
    expect(rowNames()).toEqual(['charlie']);

    await userEvent.type(screen.getByLabelText('Filter models'), 'x');
    expect(
      await screen.findByText('No model matches the filters.'),
    ).toBeInTheDocument();
  });

  it('filters by owner', async () => {
    await render(
      catalogApiMock({ entities: models }),
      fakeMlopsApi({ summary: summaryResponse(summaries) }),
    );
    await screen.findByText('FailedToLoad');

    await choose('Owner', 'team-b');
    expect(await screen.findByText('ML models (1 of 3)')).toBeInTheDocument();
    expect(rowNames()).toEqual(['bravo']);
    await choose('Owner', 'All owners');
    expect(await screen.findByText('ML models (3)')).toBeInTheDocument();
  });

  it('filters by status', async () => {
    await render(
      catalogApiMock({ entities: models }),
      fakeMlopsApi({ summary: summaryResponse(summaries) }),
    );
    await screen.findByText('FailedToLoad');

    await choose('Status', 'Needs attention');
    expect(await screen.findByText('ML models (2 of 3)')).toBeInTheDocument();
    expect(rowNames()).toEqual(['bravo', 'charlie']);
    await choose('Status', 'Training running');
    expect(await screen.findByText('ML models (1 of 3)')).toBeInTheDocument();
    expect(rowNames()).toEqual(['charlie']);
  });

  it('sorts by name, and by last training with failures first', async () => {
    await render(
      catalogApiMock({ entities: [models[2], models[0], models[1]] }),
      fakeMlopsApi({ summary: summaryResponse(summaries) }),
    );
    await screen.findByText('FailedToLoad');
    expect(rowNames()).toEqual(['alpha', 'bravo', 'charlie']);

    await choose('Sort by', 'Last training, problems first');
    await waitFor(() =>
      expect(rowNames()).toEqual(['bravo', 'charlie', 'alpha']),
    );
    await choose('Sort by', 'Name');
    await waitFor(() =>
      expect(rowNames()).toEqual(['alpha', 'bravo', 'charlie']),
    );
  });

  it('shows the partial items of a 503 and the error', async () => {
    await render(
      catalogApiMock({ entities: models }),
      fakeMlopsApi({
        summary: {
          ...summaryResponse([summaries[0]]),
          partialError: await responseError(503, 'cluster prod is unreachable'),
        },
      }),
    );

    expect(
      await screen.findByText('Error: Cluster unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/cluster prod is unreachable/)).toBeInTheDocument();
    const alpha = rowOf('alpha');
    expect(within(alpha).getByText('Ready')).toBeInTheDocument();
    const bravo = rowOf('bravo');
    expect(within(bravo).queryByText('Failed')).not.toBeInTheDocument();
    expect(within(bravo).getAllByText('—').length).toBe(4);
  });

  it('keeps listing the models when the summary fails, and says why', async () => {
    await render(
      catalogApiMock({ entities: models }),
      fakeMlopsApi({ summary: await responseError(403, 'no access') }),
    );

    expect(
      await screen.findByText('Info: Permission denied'),
    ).toBeInTheDocument();
    expect(screen.getByText('ML models (3)')).toBeInTheDocument();
  });

  it('warns when a cluster is stale', async () => {
    await render(
      catalogApiMock({ entities: models }),
      fakeMlopsApi({
        summary: summaryResponse(summaries, { freshness: [staleCluster()] }),
      }),
    );
    expect(
      await screen.findByText(
        'Cluster dev unreachable, showing data from 2 minutes ago.',
      ),
    ).toBeInTheDocument();
  });

  it('links short spec.owner refs, before relations are stitched', async () => {
    await render(
      catalogApiMock({ entities: [model('alpha', 'data-science')] }),
    );

    expect(
      await screen.findByRole('link', { name: /data-science/ }),
    ).toHaveAttribute('href', '/catalog/default/group/data-science');
  });

  it('says how to register a model when there is none, without asking for a summary', async () => {
    const mlopsApi = fakeMlopsApi();
    await render(
      catalogApiMock({ entities: [entity({ type: 'service' })] }),
      mlopsApi,
    );

    expect(
      await screen.findByText('No ML models in the catalog yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/spec\.type ml-model/)).toBeInTheDocument();
    expect(mlopsApi.getSummary).not.toHaveBeenCalled();
  });

  it('shows the catalog error', async () => {
    await render(
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
