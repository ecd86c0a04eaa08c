import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pipelineRun, taskRun } from '../../__testUtils__/wireFixtures';
import { PipelineRunsTable } from './PipelineRunsTable';

const failedRun = pipelineRun({
  name: 'train-failed',
  status: 'Failed',
  reason: 'Failed',
  message: 'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
  durationSeconds: 185,
  trigger: { type: 'alert', detail: 'model-drift-listener/model-drift' },
  params: [
    { name: 'model-name', value: 'anomaly-detector' },
    { name: 'epochs', value: ['1', '2'] },
  ],
  results: [{ name: 'model-uri', value: 'pvc://models/x' }],
  tasks: { total: 4, succeeded: 2, failed: 1, running: 0, skipped: 1 },
  taskRuns: [
    taskRun({
      name: 'train-failed-validate',
      pipelineTask: 'validate-notebook',
    }),
    taskRun({
      name: 'train-failed-health',
      pipelineTask: 'health-check',
      status: 'Failed',
      reason: 'Failed',
      message: '"step-check" exited with code 1',
      steps: [
        { name: 'check', state: 'failed', exitCode: 1, reason: 'Error' },
        { name: 'report', state: 'skipped' },
      ],
      results: [{ name: 'model-health', value: 'unhealthy' }],
    }),
  ],
});

describe('PipelineRunsTable', () => {
  it('shows status, name, trigger, start, duration and task progress of each run', async () => {
    await renderInTestApp(
      <PipelineRunsTable
        caption="Training runs"
        runs={[
          pipelineRun({ name: 'train-ok', trigger: { type: 'cron' } }),
          pipelineRun({
            name: 'train-by-user',
            status: 'Running',
            durationSeconds: undefined,
            completedAt: undefined,
            trigger: { type: 'user', detail: 'user:default/jdoe' },
            tasks: {
              total: 3,
              succeeded: 1,
              failed: 0,
              running: 1,
              skipped: 0,
            },
          }),
          failedRun,
        ]}
      />,
    );

    const table = screen.getByRole('table', { name: 'Training runs' });
    const ok = within(table).getByRole('row', { name: /train-ok/ });
    expect(within(ok).getByText('Succeeded')).toBeInTheDocument();
    expect(within(ok).getByText('Schedule (cron)')).toBeInTheDocument();
    expect(within(ok).getByText('30 minutes ago')).toBeInTheDocument();
    expect(within(ok).getByText('10m 00s')).toBeInTheDocument();
    expect(
      within(ok).getByRole('img', { name: '1 of 1 tasks succeeded' }),
    ).toBeInTheDocument();

    const byUser = within(table).getByRole('row', { name: /train-by-user/ });
    expect(within(byUser).getByText('Running')).toBeInTheDocument();
    expect(within(byUser).getByText('jdoe')).toHaveAttribute(
      'title',
      'user:default/jdoe',
    );
    expect(within(byUser).getByText(/30m \d\ds, running/)).toBeInTheDocument();
    expect(
      within(byUser).getByRole('img', {
        name: '1 of 3 tasks succeeded, 1 running, 1 not started',
      }),
    ).toBeInTheDocument();

    const failed = within(table).getByRole('row', { name: /train-failed/ });
    expect(
      within(failed).getByText('Alert model-drift-listener/model-drift'),
    ).toBeInTheDocument();
    expect(within(failed).getByText('3m 05s')).toBeInTheDocument();
    expect(
      within(failed).getByRole('img', {
        name: '2 of 4 tasks succeeded, 1 failed, 1 skipped',
      }),
    ).toBeInTheDocument();
  });

  it("says under a refused run's name why its gate did not promote it", async () => {
    await renderInTestApp(
      <PipelineRunsTable
        caption="Training runs"
        runs={[
          pipelineRun({
            name: 'train-refused',
            status: 'Failed',
            reason: 'Failed',
            cause: {
              task: 'health-check',
              reason: 'Failed',
              verdict: 'not promoted: rmse 1.244 > served 0.7194 + 0.02',
            },
          }),
          failedRun,
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Training runs' });
    expect(
      within(
        within(table).getByRole('row', { name: /train-refused/ }),
      ).getByText('not promoted: rmse 1.244 > served 0.7194 + 0.02'),
    ).toBeInTheDocument();
    expect(
      within(
        within(table).getByRole('row', { name: /train-failed/ }),
      ).getByText('Failed', { selector: 'div' }),
    ).toBeInTheDocument();
  });

  it('expands a run to its tasks, steps, params and results', async () => {
    await renderInTestApp(
      <PipelineRunsTable caption="Training runs" runs={[failedRun]} />,
    );

    expect(
      screen.queryByRole('table', { name: 'Tasks of train-failed' }),
    ).not.toBeInTheDocument();
    const toggle = screen.getByRole('button', {
      name: 'Show tasks of train-failed',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);

    expect(
      screen.getByRole('button', { name: 'Hide tasks of train-failed' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByText(/Failed: Tasks Completed: 2 \(Failed: 1/),
    ).toBeInTheDocument();
    const tasks = screen.getByRole('table', { name: 'Tasks of train-failed' });
    const health = within(tasks).getByRole('row', { name: /health-check/ });
    expect(
      within(health).getByText('"step-check" exited with code 1', {
        exact: false,
      }),
    ).toBeInTheDocument();
    const steps = within(health).getByRole('list', {
      name: 'Steps of health-check',
    });
    expect(
      within(steps).getByText(/failed, exit code 1, Error/),
    ).toBeInTheDocument();
    expect(within(steps).getByText(/skipped/)).toBeInTheDocument();
    expect(
      within(health).getByText('model-health: unhealthy'),
    ).toBeInTheDocument();

    expect(screen.getByText('epochs')).toBeInTheDocument();
    expect(screen.getByText('1, 2')).toBeInTheDocument();
    expect(screen.getByText('model-uri')).toBeInTheDocument();
    expect(screen.getByText('pvc://models/x')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Hide tasks of train-failed' }),
    );
    expect(
      screen.queryByRole('table', { name: 'Tasks of train-failed' }),
    ).not.toBeInTheDocument();
  });

  it('opens the run it is told to from the start (the Training tab’s ?run=)', async () => {
    await renderInTestApp(
      <PipelineRunsTable
        caption="Training runs"
        runs={[failedRun]}
        openRun="train-failed"
      />,
    );

    expect(
      screen.getByRole('button', { name: 'Hide tasks of train-failed' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByRole('table', { name: 'Tasks of train-failed' }),
    ).toBeInTheDocument();
  });

  it('has slots for row and task actions', async () => {
    await renderInTestApp(
      <PipelineRunsTable
        caption="Training runs"
        runs={[failedRun]}
        renderRowActions={run => <button>Rerun {run.name}</button>}
        renderTaskActions={(_, task) => (
          <button>Logs of {task.pipelineTask}</button>
        )}
      />,
    );

    expect(
      screen.getByRole('columnheader', { name: 'Actions' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Rerun train-failed' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show tasks of train-failed' }),
    );
    expect(
      screen.getByRole('button', { name: 'Logs of health-check' }),
    ).toBeInTheDocument();
  });
});
