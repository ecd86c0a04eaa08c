import { screen, within } from '@testing-library/react';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { entity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import {
  page,
  trainingResponse,
  validationJob,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsNotebookCard } from './EntityMlopsNotebookCard';

const PATH = 'notebooks/02-anomaly-detection/01-train.ipynb';

function notebook(
  spec: Record<string, string> = {
    subcomponentOf: 'component:anomaly-detector',
  },
) {
  return entity({
    name: 'anomaly-detector-training-notebook',
    type: 'notebook',
    annotations: { 'mlops.backstage.io/notebook-path': `./${PATH}` },
    spec,
  });
}

function render(api = fakeMlopsApi(), model = notebook()) {
  renderWithEntity(<EntityMlopsNotebookCard />, {
    entity: model,
    mlopsApi: api,
  });
  return api;
}

describe('EntityMlopsNotebookCard', () => {
  it("shows the latest validations of its path among its model's jobs", async () => {
    const api = render(
      fakeMlopsApi({
        training: trainingResponse({
          validationJobs: page([
            validationJob({
              name: 'validate-failed',
              phase: 'Failed',
              status: 'Failed',
              errorCategory: 'dependency_install_failed',
            }),
            validationJob({
              name: 'validate-other',
              notebookPath: 'notebooks/other.ipynb',
            }),
            validationJob({ name: 'validate-ok' }),
          ]),
        }),
      }),
    );

    const table = await screen.findByRole('table', {
      name: `Latest validations of ./${PATH}, newest first`,
    });
    expect(
      within(table).getAllByText('validate-failed').length,
    ).toBeGreaterThan(0);
    expect(within(table).getByText('validate-ok')).toBeInTheDocument();
    expect(within(table).queryByText('validate-other')).not.toBeInTheDocument();
    expect(within(table).getByRole('note')).toHaveTextContent(
      /Dependencies could not be installed.*S2I build/,
    );
    expect(screen.getByText(/by model anomaly-detector/)).toBeInTheDocument();
    expect(api.getTraining).toHaveBeenCalledWith(
      'component:default/anomaly-detector',
      { limit: 1 },
    );
  });

  it('says when the notebook has not been validated among the jobs read', async () => {
    render(
      fakeMlopsApi({
        training: trainingResponse({
          validationJobs: page(
            [validationJob({ notebookPath: 'notebooks/other.ipynb' })],
            {
              totalItems: 300,
            },
          ),
        }),
      }),
    );
    expect(
      await screen.findByText('This notebook has not been validated yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/among its newest 1 jobs/)).toBeInTheDocument();
  });

  it('finds its model through a partOf relation', async () => {
    const api = render(
      fakeMlopsApi(),
      entity({
        type: 'notebook',
        annotations: { 'mlops.backstage.io/notebook-path': PATH },
        relations: [{ type: 'partOf', targetRef: 'component:default/churn' }],
      }),
    );
    await screen.findByText('This notebook has not been validated yet');
    expect(api.getTraining).toHaveBeenCalledWith('component:default/churn', {
      limit: 1,
    });
  });

  it('asks for the notebook path annotation, and for its model', async () => {
    render(fakeMlopsApi(), entity({ type: 'notebook' }));
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });

  it('asks for the model it belongs to', async () => {
    const api = render(fakeMlopsApi(), notebook({}));
    expect(
      await screen.findByText('This notebook belongs to no model'),
    ).toBeInTheDocument();
    expect(api.getTraining).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    render(
      fakeMlopsApi({
        training: await responseError(503, 'cluster dev is unreachable'),
      }),
    );
    expect(
      await screen.findByText('Error: Cluster unreachable'),
    ).toBeInTheDocument();
  });
});
