import { screen, within } from '@testing-library/react';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { entity, modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import {
  modelSummary,
  staleCluster,
  summaryResponse,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsModelStatusCard } from './EntityMlopsModelStatusCard';

function render(api = fakeMlopsApi(), model = modelEntity()) {
  renderWithEntity(<EntityMlopsModelStatusCard />, {
    entity: model,
    mlopsApi: api,
  });
  return api;
}

function aspect(label: string) {
  return screen.getByRole('heading', { name: label }).parentElement!;
}

describe('EntityMlopsModelStatusCard', () => {
  it('shows last training, serving, last build and last validation in one request', async () => {
    const api = render(
      fakeMlopsApi({ summary: summaryResponse([modelSummary()]) }),
    );

    expect(
      await screen.findByRole('heading', { name: 'Last training' }),
    ).toBeInTheDocument();
    expect(
      within(aspect('Last training')).getByText('Succeeded'),
    ).toBeInTheDocument();
    expect(
      within(aspect('Last training')).getByText('20 minutes ago'),
    ).toBeInTheDocument();
    expect(within(aspect('Serving')).getByText('Ready')).toBeInTheDocument();
    expect(
      within(aspect('Last build')).getByText('Complete'),
    ).toBeInTheDocument();
    expect(
      within(aspect('Last validation')).getByText('Succeeded'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(api.getSummary).toHaveBeenCalledTimes(1);
    expect(api.getSummary).toHaveBeenCalledWith([
      'component:default/anomaly-detector',
    ]);
  });

  it('says what to do next when something failed', async () => {
    render(
      fakeMlopsApi({
        summary: summaryResponse([
          modelSummary({
            serving: {
              name: 'anomaly-detector',
              ready: 'False',
              modelState: {
                state: 'FailedToLoad',
                loadFailure: { reason: 'ModelLoadFailed' },
              },
            },
          }),
        ]),
      }),
    );

    expect(await screen.findByText('FailedToLoad')).toBeInTheDocument();
    expect(screen.getByText('ModelLoadFailed')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(
      /Next: The served model fails to load \(ModelLoadFailed\): .*the Health tab has the details/,
    );
  });

  it('says what the model lacks', async () => {
    render(
      fakeMlopsApi({
        summary: summaryResponse([
          { entityRef: 'component:default/anomaly-detector' },
        ]),
      }),
    );
    expect(await screen.findByText('never trained')).toBeInTheDocument();
    expect(screen.getByText('not served')).toBeInTheDocument();
    expect(screen.getByText('no build')).toBeInTheDocument();
    expect(screen.getByText('no validation')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(/never been trained/);
  });

  it("shows the backend's problem with the model", async () => {
    render(
      fakeMlopsApi({
        summary: summaryResponse([
          {
            entityRef: 'component:default/anomaly-detector',
            problem: 'cluster staging is not configured',
          },
        ]),
      }),
    );
    expect(
      await screen.findByText(
        'Warning: The status of this model cannot be read',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('cluster staging is not configured'),
    ).toBeInTheDocument();
  });

  it('warns when the data is stale', async () => {
    render(
      fakeMlopsApi({
        summary: summaryResponse([modelSummary()], {
          freshness: [staleCluster()],
        }),
      }),
    );
    expect(
      await screen.findByText(
        'Cluster dev unreachable, showing data from 2 minutes ago.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the partial answer of a 503 with its error', async () => {
    render(
      fakeMlopsApi({
        summary: {
          ...summaryResponse([modelSummary()]),
          partialError: await responseError(503, 'cluster prod is unreachable'),
        },
      }),
    );
    expect(
      await screen.findByText('Error: Cluster unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Serving' }),
    ).toBeInTheDocument();
  });

  it('shows a clear notice on 403', async () => {
    render(fakeMlopsApi({ summary: await responseError(403, 'no access') }));
    expect(
      await screen.findByText('Info: Permission denied'),
    ).toBeInTheDocument();
  });

  it('asks for the namespace annotation, without calling the backend', async () => {
    const api = render(fakeMlopsApi(), entity({}));
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(api.getSummary).not.toHaveBeenCalled();
  });
});
