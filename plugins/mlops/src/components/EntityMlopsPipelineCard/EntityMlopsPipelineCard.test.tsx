import { screen, within } from '@testing-library/react';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { entity, modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import {
  notInstalled,
  page,
  pipelineRuns,
  trainingResponse,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsPipelineCard } from './EntityMlopsPipelineCard';

const pipeline = entity({
  kind: 'Resource',
  type: 'ml-pipeline',
  name: 'mlops-demo-model-training-pipeline',
  annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
});

function render(api = fakeMlopsApi(), model = pipeline) {
  renderWithEntity(<EntityMlopsPipelineCard />, {
    entity: model,
    mlopsApi: api,
  });
  return api;
}

describe('EntityMlopsPipelineCard', () => {
  it('lists the recent runs of the pipeline', async () => {
    const api = render(
      fakeMlopsApi({
        training: trainingResponse({
          pipelineRuns: page(
            pipelineRuns(2, i => (i === 0 ? { status: 'Failed' } : {})),
          ),
        }),
      }),
    );

    const table = await screen.findByRole('table', {
      name: 'Recent runs, newest first',
    });
    expect(
      within(table).getByRole('row', { name: /Failed run-0/ }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('row', { name: /Succeeded run-1/ }),
    ).toBeInTheDocument();
    expect(api.getTraining).toHaveBeenCalledWith(
      'resource:default/mlops-demo-model-training-pipeline',
      { limit: 10 },
    );
  });

  it('tells under when each run started how long it took, or has been running', async () => {
    render(
      fakeMlopsApi({
        training: trainingResponse({
          pipelineRuns: page(
            pipelineRuns(
              3,
              i =>
                [
                  {},
                  {
                    status: 'Running' as const,
                    startedAt: new Date(Date.now() - 150_000).toISOString(),
                    completedAt: undefined,
                    durationSeconds: undefined,
                  },
                  {
                    status: 'Pending' as const,
                    startedAt: undefined,
                    completedAt: undefined,
                    durationSeconds: undefined,
                  },
                ][i],
            ),
          ),
        }),
      }),
    );

    const table = await screen.findByRole('table', {
      name: 'Recent runs, newest first',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Status', 'Run', 'Model', 'Started', 'Tasks']);
    const row = (name: RegExp) => within(table).getByRole('row', { name });
    expect(within(row(/run-0/)).getByText('took 10m 00s')).toBeInTheDocument();
    expect(
      within(row(/run-1/)).getByText(/^running for 2m 3\ds$/),
    ).toBeInTheDocument();
    expect(within(row(/run-2/)).queryByText(/took|running for/)).toBeNull();
  });

  it('links each run to the model it trains, among the models that depend on the pipeline', async () => {
    const withDependents = entity({
      kind: 'Resource',
      type: 'ml-pipeline',
      name: 'mlops-demo-model-training-pipeline',
      annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
      relations: [
        {
          type: 'dependencyOf',
          targetRef: 'component:default/anomaly-detector',
        },
      ],
    });
    const anomaly = {
      ...modelEntity(),
      metadata: {
        ...modelEntity().metadata,
        title: 'Anomaly detector',
      },
    };
    renderWithEntity(<EntityMlopsPipelineCard />, {
      entity: withDependents,
      catalogApi: catalogApiMock({ entities: [anomaly] }),
      mlopsApi: fakeMlopsApi({
        training: trainingResponse({
          pipelineRuns: page(
            pipelineRuns(3, i => ({
              modelName: ['anomaly-detector', 'not-in-catalog', undefined][i],
            })),
          ),
        }),
      }),
    });

    const table = await screen.findByRole('table', {
      name: 'Recent runs, newest first',
    });
    expect(
      within(table).getByRole('columnheader', { name: 'Model' }),
    ).toBeInTheDocument();
    const link = await within(
      within(table).getByRole('row', { name: /run-0/ }),
    ).findByRole('link', { name: 'Anomaly detector' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/anomaly-detector',
    );
    const unknown = within(table).getByRole('row', { name: /run-1/ });
    expect(within(unknown).getByText('not-in-catalog')).toBeInTheDocument();
    expect(within(unknown).queryByRole('link')).not.toBeInTheDocument();
    const unlabelled = within(table).getByRole('row', { name: /run-2/ });
    expect(within(unlabelled).getByText('—')).toBeInTheDocument();
  });

  it('says when it has not run, and when Tekton is missing', async () => {
    render(
      fakeMlopsApi({
        training: trainingResponse({ notInstalled: [notInstalled()] }),
      }),
    );
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Tekton is not installed on cluster dev\. Install Tekton Pipelines/,
      ),
    ).toBeInTheDocument();
  });

  it('asks for the namespace annotation', async () => {
    const api = render(
      fakeMlopsApi(),
      entity({ kind: 'Resource', type: 'ml-pipeline' }),
    );
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(api.getTraining).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    render(
      fakeMlopsApi({
        training: await responseError(
          400,
          'annotation mlops.backstage.io/namespace is invalid',
        ),
      }),
    );
    expect(
      await screen.findByText(
        /annotation mlops\.backstage\.io\/namespace is invalid/,
      ),
    ).toBeInTheDocument();
  });
});
