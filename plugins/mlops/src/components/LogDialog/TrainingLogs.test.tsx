import type { MlopsTaskRunSummary } from '@backstage-mlops/plugin-mlops-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MlopsLogRequest, MlopsLogTarget } from '../../api/MlopsApi';
import {
  fakeMlopsApi,
  type FakeMlopsApiOptions,
} from '../../__testUtils__/fakeMlopsApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import {
  build,
  page,
  pipelineRun,
  taskRun,
  trainingResponse,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsTrainingContent } from '../EntityMlopsTrainingContent';

// The logs of the Training tab, through its real components and a fake MlopsApi
// whose readLog the test drives.

const runningTask: MlopsTaskRunSummary = taskRun({
  name: 'run-1-train-model',
  status: 'Running',
  completedAt: undefined,
  durationSeconds: undefined,
  steps: [
    { name: 'prepare', state: 'succeeded', exitCode: 0 },
    { name: 'train', state: 'running' },
    { name: 'report', state: 'skipped' },
  ],
});

function render(options: FakeMlopsApiOptions = {}) {
  const api = fakeMlopsApi({
    training: trainingResponse({
      pipelineRuns: page([
        pipelineRun({
          name: 'run-1',
          status: 'Running',
          taskRuns: [runningTask],
        }),
      ]),
      builds: page([
        build({ name: 'notebook-4', phase: 'Running', status: 'Running' }),
      ]),
    }),
    ...options,
  });
  renderWithEntity(<EntityMlopsTrainingContent />, {
    entity: modelEntity(),
    mlopsApi: api,
  });
  return api;
}

async function openStepLog(step: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Show tasks of run-1' }),
  );
  await userEvent.click(
    screen.getByRole('button', { name: `Logs of step ${step} of train-model` }),
  );
  return screen.findByRole('dialog');
}

/** A readLog the test writes through, keeping each call's request. */
function controlledLog() {
  const calls: Array<{ target: MlopsLogTarget; request: MlopsLogRequest }> = [];
  return {
    calls,
    log: (_ref: unknown, target: MlopsLogTarget, request: MlopsLogRequest) => {
      calls.push({ target, request });
      request.onOpen?.();
      return 'pending' as const;
    },
    write: (text: string) =>
      act(() => calls[calls.length - 1].request.onText(text)),
  };
}

// jsdom lays nothing out: give elements a size so the LogViewer's AutoSizer
// renders its (virtualised) lines.
const originalRect = HTMLElement.prototype.getBoundingClientRect;
beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = () =>
    ({
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      bottom: 800,
      right: 800,
      width: 800,
      height: 800,
    } as DOMRect);
});
afterAll(() => {
  HTMLElement.prototype.getBoundingClientRect = originalRect;
});

describe('Training tab logs', () => {
  it('follows the log of a running step, appending text as it arrives, and stops reading when closed', async () => {
    const stream = controlledLog();
    render({ log: stream.log });

    const dialog = await openStepLog('train');
    expect(
      within(dialog).getByText(
        'Log of step train of task train-model (run-1-train-model)',
      ),
    ).toBeInTheDocument();
    expect(stream.calls).toHaveLength(1);
    expect(stream.calls[0].target).toEqual({
      type: 'step',
      taskRun: 'run-1-train-model',
      step: 'train',
    });
    expect(stream.calls[0].request.follow).toBe(true);
    expect(
      within(dialog).getByText(
        'No output yet: lines appear here as they are written.',
      ),
    ).toBeInTheDocument();

    stream.write('epoch 1/3 loss=0.9\n');
    expect(
      await within(dialog).findByText('epoch 1/3 loss=0.9'),
    ).toBeInTheDocument();
    stream.write('epoch 2/3 loss=0.5\n');
    expect(
      await within(dialog).findByText('epoch 2/3 loss=0.5'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('epoch 1/3 loss=0.9')).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Following the log as it is written…',
    );

    const signal = stream.calls[0].request.signal!;
    expect(signal.aborted).toBe(false);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(signal.aborted).toBe(true);
  });

  it('reads the log of a finished step once', async () => {
    const api = render();

    const dialog = await openStepLog('prepare');
    expect(
      await within(dialog).findByText('fake log line'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'The whole log is shown.',
    );
    expect(api.readLog).toHaveBeenCalledWith(
      'component:default/anomaly-detector',
      { type: 'step', taskRun: 'run-1-train-model', step: 'prepare' },
      expect.objectContaining({ follow: false }),
    );
  });

  it('says a finished log is empty', async () => {
    render({
      log: (_r, _t, request) => {
        request.onOpen?.();
        return { bytes: 0, truncated: false, aborted: false };
      },
    });
    const dialog = await openStepLog('prepare');
    expect(
      await within(dialog).findByText('No output: the log is empty.'),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the log cannot be read, and reads again on Retry", async () => {
    const error = await responseError(
      404,
      'TaskRun run-1-train-model has no pod yet',
    );
    const api = render({ log: error });

    const dialog = await openStepLog('train');
    expect(
      await within(dialog).findByText(
        'TaskRun run-1-train-model has no pod yet',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'The log could not be read to its end.',
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Retry' }),
    );
    await waitFor(() => expect(api.readLog).toHaveBeenCalledTimes(2));
  });

  it('says when the log was cut at the backend limit', async () => {
    render({
      log: (_r, _t, request) => {
        request.onOpen?.();
        request.onText('a very long log\n');
        return {
          bytes: 1048576,
          limitBytes: 1048576,
          truncated: true,
          aborted: false,
        };
      },
    });
    const dialog = await openStepLog('prepare');
    expect(
      await within(dialog).findByText(/reading stopped at 1024 KiB/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('a very long log')).toBeInTheDocument();
  });

  it('has no log for a skipped step', async () => {
    const api = render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show tasks of run-1' }),
    );
    expect(
      screen.getByRole('button', {
        name: 'Logs of step report of train-model',
      }),
    ).toBeDisabled();
    expect(api.readLog).not.toHaveBeenCalled();
  });

  it('follows the log of a running build', async () => {
    const stream = controlledLog();
    render({ log: stream.log });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Logs of build notebook-4' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(stream.calls[0].target).toEqual({
      type: 'build',
      build: 'notebook-4',
    });
    expect(stream.calls[0].request.follow).toBe(true);
    stream.write('STEP 1/4: FROM ubi9/python-311\n');
    expect(
      await within(dialog).findByText('STEP 1/4: FROM ubi9/python-311'),
    ).toBeInTheDocument();
  });
});
