import type { MlopsMutationResponse } from '@backstage-mlops/plugin-mlops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MlopsMutationRequest } from '../../api/MlopsApi';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import {
  namespaceRefusedError,
  responseError,
} from '../../__testUtils__/responseError';
import {
  healthResponse,
  inferenceService,
  page,
  pipelineRun,
  trainingResponse,
  workbench,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsHealthContent } from '../EntityMlopsHealthContent';
import { EntityMlopsTrainingContent } from '../EntityMlopsTrainingContent';

const resolvedParams = [
  { name: 'model-name', value: 'anomaly-detector' },
  { name: 'notebook-path', value: 'notebooks/train.ipynb' },
  { name: 'data-source', value: 'prometheus' },
  { name: 'health-check-enabled', value: 'true' },
];

function answer(request: MlopsMutationRequest): MlopsMutationResponse {
  return {
    action: request.action,
    entityRef: 'component:default/anomaly-detector',
    object: {
      kind: 'PipelineRun',
      namespace: 'mlops-demo',
      name: request.body?.dryRun ? '' : 'train-anomaly-detector-new',
    },
    dryRun: request.body?.dryRun ?? false,
    changed: true,
    params: resolvedParams,
  };
}

const model = modelEntity({
  annotations: {
    'mlops.backstage.io/inference-service': 'anomaly-detector',
    'mlops.backstage.io/workbench': 'anomaly-detector-workbench',
    'mlops.backstage.io/build-config': 'anomaly-detector-notebook',
  },
});

/** A button once its permission is known (it is disabled while it is checked). */
async function enabledButton(name: string): Promise<HTMLElement> {
  const button = await screen.findByRole(
    'button',
    { name },
    { timeout: 15_000 },
  );
  await waitFor(() => expect(button).toBeEnabled(), { timeout: 15_000 });
  return button;
}

function training(runs = [pipelineRun({ name: 'run-1', status: 'Running' })]) {
  return trainingResponse({ pipelineRuns: page(runs) });
}

// Each test renders a whole tab and waits for its permission checks.
jest.setTimeout(30_000);

describe('actions on the Training tab', () => {
  it('runs training with the params the dialog shows, prefilled by a dry run, and says which run started', async () => {
    const alerts = { post: jest.fn() };
    const api = fakeMlopsApi({
      training: training(),
      mutation: (_ref, request) => answer(request),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
      alerts,
    });

    await userEvent.click(await enabledButton('Run training'));
    const dialog = await screen.findByRole('dialog', {
      name: 'Run training pipeline model-training-pipeline',
    });
    expect(
      await within(dialog).findByDisplayValue('notebooks/train.ipynb'),
    ).toBeInTheDocument();
    expect(within(dialog).getByDisplayValue('anomaly-detector')).toBeDisabled();
    expect(api.runMutation).toHaveBeenCalledWith(expect.anything(), {
      action: 'run-training',
      body: { dryRun: true },
    });

    // data-source is one of ADR-053's three sources, chosen from a list.
    await userEvent.click(
      within(dialog).getByRole('button', { name: /prometheus/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'hybrid' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start run' }),
    );

    await waitFor(() =>
      expect(api.runMutation).toHaveBeenLastCalledWith(expect.anything(), {
        action: 'run-training',
        body: {
          params: {
            'notebook-path': 'notebooks/train.ipynb',
            'data-source': 'hybrid',
            'health-check-enabled': 'true',
          },
        },
      }),
    );
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'success',
          message: 'Started training run train-anomaly-detector-new',
        }),
      ),
    );
  });

  it('shows why the cluster would not accept a run, in the dialog', async () => {
    const api = fakeMlopsApi({
      training: training(),
      pipelineParams: await responseError(403, 'not allowed'),
      mutation: await responseError(
        400,
        'params.notebook-path is required: Pipeline model-training-pipeline gives it no default',
      ),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
    });
    await userEvent.click(await enabledButton('Run training'));
    expect(
      await screen.findByText(/params\.notebook-path is required/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start run' })).toBeDisabled();
  });

  it("shows, in the dialog, that the model's namespace does not allow its owner; nothing can start", async () => {
    const message =
      'component:default/anomaly-detector may not act on the objects of namespace mlops-demo-team-b on cluster dev: the namespace does not allow its owner group:default/data-science-team';
    const api = fakeMlopsApi({
      training: training(),
      mutation: await namespaceRefusedError(message, {
        namespace: 'mlops-demo-team-b',
        owner: 'group:default/data-science-team',
        use: 'mutation',
      }),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
    });
    await userEvent.click(await enabledButton('Run training'));
    expect(
      await screen.findByText(
        "Namespace mlops-demo-team-b does not allow this entity's owner",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/A trial run/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start run' })).toBeDisabled();
  });

  it('lets you fill in a required param that has no default: Start is blocked, naming the field, until it has a value', async () => {
    const refused = await responseError(
      400,
      'params.notebook-path is required: Pipeline model-training-pipeline gives it no default',
    );
    const api = fakeMlopsApi({
      training: training(),
      mutation: (_ref, request) =>
        request.body?.dryRun ? refused : answer(request),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
    });
    await userEvent.click(await enabledButton('Run training'));
    const dialog = await screen.findByRole('dialog', {
      name: 'Run training pipeline model-training-pipeline',
    });

    const notebookPath = await within(dialog).findByRole('textbox', {
      name: /notebook-path/,
    });
    expect(notebookPath).toBeRequired();
    expect(notebookPath).toHaveValue('');
    expect(notebookPath).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(dialog).getByText(
        'Enter notebook-path to start the run: the Pipeline gives it no default.',
      ),
    ).toBeInTheDocument();
    const start = within(dialog).getByRole('button', { name: 'Start run' });
    expect(start).toBeDisabled();
    // Every declared param is there, with the defaults as values.
    expect(within(dialog).getByDisplayValue('anomaly-detector')).toBeDisabled();
    expect(within(dialog).getByDisplayValue('synthetic')).toBeInTheDocument();

    await userEvent.type(notebookPath, 'notebooks/train.ipynb');
    expect(start).toBeEnabled();
    expect(
      within(dialog).queryByText(/to start the run/),
    ).not.toBeInTheDocument();
    await userEvent.click(start);

    await waitFor(() =>
      expect(api.runMutation).toHaveBeenLastCalledWith(expect.anything(), {
        action: 'run-training',
        body: {
          params: {
            'notebook-path': 'notebooks/train.ipynb',
            'data-source': 'synthetic',
            'health-check-enabled': 'true',
          },
        },
      }),
    );
    expect(api.getTrainingPipelineParams).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'anomaly-detector' }),
    );
  });

  it("shows the dry run's params when the Pipeline's params cannot be read", async () => {
    const api = fakeMlopsApi({
      training: training(),
      mutation: (_ref, request) => answer(request),
      pipelineParams: await responseError(
        404,
        'Pipeline model-training-pipeline was not found',
      ),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
    });
    await userEvent.click(await enabledButton('Run training'));
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByDisplayValue('notebooks/train.ipynb'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Start run' }),
    ).toBeEnabled();
  });

  it('cancels a running run only after a confirmation', async () => {
    const api = fakeMlopsApi({
      training: training(),
      mutation: (_ref, request) => answer(request),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
    });
    await userEvent.click(await enabledButton('Cancel'));
    expect(api.runMutation).not.toHaveBeenCalled();
    await userEvent.click(await enabledButton('Cancel run'));
    await waitFor(() =>
      expect(api.runMutation).toHaveBeenCalledWith(expect.anything(), {
        action: 'cancel-training',
        run: 'run-1',
      }),
    );
  });

  it('offers no cancel on a finished run', async () => {
    const api = fakeMlopsApi({
      training: training([pipelineRun({ name: 'run-1', status: 'Succeeded' })]),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
    });
    expect(
      await screen.findByRole('button', { name: 'Rerun' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('starts a build and says which', async () => {
    const alerts = { post: jest.fn() };
    const api = fakeMlopsApi({
      training: training(),
      mutation: (_ref, request) => ({
        ...answer(request),
        object: {
          kind: 'Build',
          namespace: 'mlops-demo',
          name: 'anomaly-detector-notebook-8',
        },
      }),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
      alerts,
    });
    await userEvent.click(await enabledButton('Start build'));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Started build anomaly-detector-notebook-8',
        }),
      ),
    );
  });

  it('reports a failed action with the backend message, naming what to fix', async () => {
    const alerts = { post: jest.fn() };
    const api = fakeMlopsApi({
      training: training(),
      mutation: await responseError(
        403,
        'the cluster refused: create buildconfigs/instantiate in build.openshift.io, namespace mlops-demo',
      ),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
      alerts,
    });
    await userEvent.click(await enabledButton('Start build'));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message: expect.stringMatching(
            /^Starting a build of anomaly-detector-notebook failed: .*buildconfigs\/instantiate/,
          ),
        }),
      ),
    );
  });

  it('reports an action its namespace refuses as a refusal, naming the namespace', async () => {
    const alerts = { post: jest.fn() };
    const api = fakeMlopsApi({
      training: training(),
      mutation: await namespaceRefusedError(
        'component:default/anomaly-detector may not act on the objects of namespace mlops-demo-team-b on cluster dev',
        { namespace: 'mlops-demo-team-b', use: 'mutation' },
      ),
    });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
      alerts,
    });
    await userEvent.click(await enabledButton('Start build'));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message:
            "Starting a build of anomaly-detector-notebook refused (Namespace mlops-demo-team-b does not allow this entity's owner): component:default/anomaly-detector may not act on the objects of namespace mlops-demo-team-b on cluster dev",
        }),
      ),
    );
  });
});

describe('actions on the Health tab', () => {
  it('restarts serving after a confirmation, and stops the workbench after another', async () => {
    const api = fakeMlopsApi({
      health: healthResponse({
        inferenceServices: [inferenceService()],
        workbench: workbench({ state: 'Running' }),
      }),
      mutation: (_ref, request) => answer(request),
    });
    await renderWithEntity(<EntityMlopsHealthContent />, {
      entity: model,
      mlopsApi: api,
    });
    await userEvent.click(await enabledButton('Restart serving'));
    await userEvent.click(await enabledButton('Restart'));
    await waitFor(() =>
      expect(api.runMutation).toHaveBeenCalledWith(expect.anything(), {
        action: 'restart-serving',
      }),
    );

    await userEvent.click(await enabledButton('Stop workbench'));
    await userEvent.click(await enabledButton('Stop'));
    await waitFor(() =>
      expect(api.runMutation).toHaveBeenCalledWith(expect.anything(), {
        action: 'stop-workbench',
      }),
    );
  });

  it('offers to start a stopped workbench', async () => {
    const api = fakeMlopsApi({
      health: healthResponse({ workbench: workbench({ state: 'Stopped' }) }),
      mutation: (_ref, request) => answer(request),
    });
    await renderWithEntity(<EntityMlopsHealthContent />, {
      entity: model,
      mlopsApi: api,
    });
    await userEvent.click(await enabledButton('Start workbench'));
    await waitFor(() =>
      expect(api.runMutation).toHaveBeenCalledWith(expect.anything(), {
        action: 'start-workbench',
      }),
    );
  });
});
