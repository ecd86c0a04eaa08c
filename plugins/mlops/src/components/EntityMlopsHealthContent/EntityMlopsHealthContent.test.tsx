import { act, screen, waitFor, within } from '@testing-library/react';
import { MLOPS_ENTITY_CHANGED_CHANNEL } from '@backstage-mlops/plugin-mlops-common';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { fakeSignalApi } from '../../__testUtils__/fakeSignalApi';
import {
  entity,
  clustersWith,
  modelEntity,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import {
  failingInferenceService,
  freshCluster,
  healthCheck,
  healthResponse,
  inferenceService,
  notInstalled,
  page,
  pipelineRun,
  staleCluster,
  taskRun,
  trainingResponse,
  workbench,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsHealthContent } from './EntityMlopsHealthContent';

function render(
  api = fakeMlopsApi(),
  model = modelEntity({
    annotations: {
      'mlops.backstage.io/inference-service': 'anomaly-detector',
      'mlops.backstage.io/workbench': 'anomaly-detector-workbench',
    },
  }),
) {
  renderWithEntity(<EntityMlopsHealthContent />, {
    entity: model,
    mlopsApi: api,
  });
  return api;
}

describe('EntityMlopsHealthContent', () => {
  it('asks for the namespace annotation when it is missing, without calling the backend', async () => {
    const api = fakeMlopsApi();
    render(api, entity({}));

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(api.getClusters).not.toHaveBeenCalled();
    expect(api.getHealth).not.toHaveBeenCalled();
  });

  it('warns about an unknown cluster', async () => {
    render(
      fakeMlopsApi(),
      modelEntity({ annotations: { 'mlops.backstage.io/cluster': 'staging' } }),
    );

    expect(
      await screen.findByText(/Cluster "staging" is not configured/),
    ).toBeInTheDocument();
  });

  it('shows progress while the health is read', async () => {
    const api = render(fakeMlopsApi({ health: 'pending' }));

    await waitFor(() => expect(api.getHealth).toHaveBeenCalled());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.getByText('Where the model is served')).toBeInTheDocument();
  });

  it('shows each InferenceService as a card, with the health checks, their history and the workbench', async () => {
    const api = render(
      fakeMlopsApi({
        clusters: clustersWith('dev', 'prod'),
        health: healthResponse({
          inferenceServices: [inferenceService()],
          healthChecks: [
            healthCheck(),
            healthCheck({
              task: 'post-deployment-check',
              results: [{ name: 'endpoint-status', value: '200' }],
            }),
          ],
          workbench: workbench({ gpu: 1 }),
        }),
        training: trainingResponse({
          pipelineRuns: page([
            pipelineRun({
              taskRuns: [taskRun({ pipelineTask: 'health-check' })],
            }),
          ]),
        }),
      }),
      modelEntity({
        annotations: {
          'mlops.backstage.io/cluster': 'prod',
          'mlops.backstage.io/inference-service': 'anomaly-detector',
        },
      }),
    );

    expect(
      await screen.findByRole('heading', {
        name: 'InferenceService anomaly-detector',
      }),
    ).toBeInTheDocument();
    const checks = screen.getByRole('table', {
      name: 'Latest health checks of the training runs',
    });
    expect(
      within(checks).getByRole('row', {
        name: /health-check .* model-health: healthy/,
      }),
    ).toBeInTheDocument();
    expect(
      within(checks).getByText('endpoint-status: 200'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/^1 health checks: 1 passed, 0 failed\./),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Workbench' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 (nvidia.com/gpu)')).toBeInTheDocument();
    expect(screen.getByText('prod')).toBeInTheDocument();
    expect(api.getHealth).toHaveBeenCalledWith(
      'component:default/anomaly-detector',
    );
    expect(api.getTraining).toHaveBeenCalledWith(
      'component:default/anomaly-detector',
      { limit: 50 },
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('puts a model that fails to load first, with its reason', async () => {
    render(
      fakeMlopsApi({
        health: healthResponse({
          inferenceServices: [failingInferenceService()],
        }),
      }),
    );

    const alert = await screen.findByText(
      'The model failed to load (FailedToLoad): ModelLoadFailed',
    );
    expect(alert).toBeInTheDocument();
    expect(
      screen.getByText('No module named sklearn.ensemble._iforest'),
    ).toBeInTheDocument();
  });

  it('says the InferenceService does not exist, or which annotation to add', async () => {
    render(fakeMlopsApi());
    expect(
      await screen.findByText(
        /InferenceService anomaly-detector does not exist in namespace mlops-demo/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No health checks yet')).toBeInTheDocument();
    expect(
      screen.getByText('Workbench anomaly-detector-workbench not found'),
    ).toBeInTheDocument();
  });

  it('says which annotation names the InferenceService when there is none', async () => {
    render(fakeMlopsApi(), modelEntity());
    expect(
      await screen.findByText(
        /Add the mlops\.backstage\.io\/inference-service annotation/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Workbench' }),
    ).not.toBeInTheDocument();
  });

  it('says KServe is not installed on the cluster', async () => {
    render(
      fakeMlopsApi({
        health: healthResponse({
          notInstalled: [
            notInstalled({
              apiVersion: 'serving.kserve.io/v1beta1',
              resource: 'inferenceservices',
              message: 'KServe is not installed on cluster dev',
            }),
          ],
        }),
      }),
    );
    expect(
      await screen.findByText(
        /KServe is not installed on cluster dev\. Install KServe/,
      ),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('status')
        .find(notice => /KServe is not installed/.test(notice.textContent!)),
    ).toHaveTextContent(
      'KServe is not installed on cluster dev (inferenceservices.serving.kserve.io/v1beta1',
    );
  });

  it('warns when the data is stale', async () => {
    render(
      fakeMlopsApi({
        health: healthResponse({
          freshness: [freshCluster({ cluster: 'prod' }), staleCluster()],
          inferenceServices: [inferenceService()],
        }),
      }),
    );
    expect(
      await screen.findByText(
        'Cluster dev unreachable, showing data from 2 minutes ago.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: 'InferenceService anomaly-detector',
      }),
    ).toBeInTheDocument();
  });

  it('shows a clear notice on 403', async () => {
    render(fakeMlopsApi({ health: await responseError(403, 'no access') }));
    expect(
      await screen.findByText('Info: Permission denied'),
    ).toBeInTheDocument();
  });

  it('names the unreachable cluster on 503', async () => {
    render(
      fakeMlopsApi({
        health: await responseError(503, 'cluster dev is unreachable'),
      }),
    );
    expect(
      await screen.findByText('Error: Cluster unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/cluster dev is unreachable/)).toBeInTheDocument();
  });

  it('shows the history error in its own card, keeping the serving status', async () => {
    render(
      fakeMlopsApi({
        health: healthResponse({ inferenceServices: [inferenceService()] }),
        training: await responseError(503, 'tekton cache is cold'),
      }),
    );
    expect(
      await screen.findByText(
        /training runs of the health history cannot be shown: tekton cache is cold/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: 'InferenceService anomaly-detector',
      }),
    ).toBeInTheDocument();
  });
});

describe('EntityMlopsHealthContent, live', () => {
  it('reads the health and its history again when a signal says the model changed', async () => {
    let ready: 'True' | 'False' = 'False';
    const api = fakeMlopsApi({
      health: () =>
        healthResponse({ inferenceServices: [inferenceService({ ready })] }),
    });
    const signals = fakeSignalApi();
    renderWithEntity(<EntityMlopsHealthContent />, {
      entity: modelEntity({
        annotations: {
          'mlops.backstage.io/inference-service': 'anomaly-detector',
        },
      }),
      mlopsApi: api,
      signals,
    });
    expect((await screen.findAllByText('Not ready')).length).toBeGreaterThan(0);
    expect(
      screen.getByRole('status', { name: 'Live updates: Live' }),
    ).toBeInTheDocument();
    const trainingReads = api.getTraining.mock.calls.length;

    ready = 'True';
    act(() => {
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, {
        entityRef: 'component:default/anomaly-detector',
      });
    });
    await waitFor(() => expect(screen.queryByText('Not ready')).toBeNull());
    expect(api.getHealth).toHaveBeenCalledTimes(2);
    await waitFor(() =>
      expect(api.getTraining.mock.calls.length).toBe(trainingReads + 1),
    );
  });
});
