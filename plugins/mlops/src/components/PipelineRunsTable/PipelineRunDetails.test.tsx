import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { pipelineRun, taskRun } from '../../__testUtils__/wireFixtures';
import { PipelineRunDetails } from './PipelineRunDetails';

// A run as Tekton leaves it when the health check's `when` expression is false, the
// best-effort model card fails with `onError: continue`, the rollout succeeds on its
// retry, and the finally task reports.
const completed = pipelineRun({
  name: 'train-anomaly-detector-x',
  status: 'Succeeded',
  reason: 'Completed',
  message:
    'Tasks Completed: 5 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 1',
  tasks: {
    total: 6,
    succeeded: 4,
    failed: 0,
    ignored: 1,
    running: 0,
    skipped: 1,
  },
  taskRuns: [
    taskRun({ name: 'x-train-model', pipelineTask: 'train-model' }),
    taskRun({
      name: 'x-deploy-model',
      pipelineTask: 'deploy-model',
      retries: 1,
      earlierAttempts: [
        {
          attempt: 1,
          status: 'Failed',
          reason: 'Failed',
          message: '"step-rollout" exited with code 1: Error',
        },
      ],
    }),
    taskRun({
      name: 'x-publish-model-card',
      pipelineTask: 'publish-model-card',
      status: 'Failed',
      reason: 'FailureIgnored',
      message: '"step-publish" exited with code 1: Error',
      failureIgnored: true,
      steps: [{ name: 'publish', state: 'failed', exitCode: 1 }],
    }),
    taskRun({
      name: 'x-report-training-result',
      pipelineTask: 'report-training-result',
      finally: true,
    }),
  ],
  skippedTasks: [
    {
      name: 'health-check',
      reason: 'When Expressions evaluated to false',
      when: [{ input: 'false', operator: 'in', values: ['true'] }],
    },
  ],
});

describe('PipelineRunDetails', () => {
  it('marks finally tasks, ignored failures and attempts, and lists skipped tasks with their reason', async () => {
    await renderInTestApp(<PipelineRunDetails run={completed} />);

    expect(
      screen.getByText(
        /Succeeded with 1 ignored failure \(onError: continue\)/,
      ),
    ).toHaveTextContent(
      'publish-model-card — FailureIgnored: "step-publish" exited with code 1: Error',
    );

    const tasks = screen.getByRole('table', {
      name: 'Tasks of train-anomaly-detector-x',
    });
    const publish = within(tasks).getByRole('row', {
      name: /publish-model-card/,
    });
    expect(within(publish).getByText('Failed (ignored)')).toBeInTheDocument();
    expect(within(publish).getByText('failure ignored')).toBeInTheDocument();

    const report = within(tasks).getByRole('row', {
      name: /report-training-result/,
    });
    expect(within(report).getByText('finally')).toBeInTheDocument();

    const deploy = within(tasks).getByRole('row', { name: /deploy-model/ });
    expect(within(deploy).getByText('attempt 2 of 2')).toBeInTheDocument();
    expect(
      within(deploy).getByLabelText('Attempt 1 of deploy-model'),
    ).toHaveTextContent(
      'Attempt 1: Failed (Failed) — "step-rollout" exited with code 1: Error',
    );

    const skipped = screen.getByRole('table', {
      name: 'Skipped tasks of train-anomaly-detector-x',
    });
    const health = within(skipped).getByRole('row', { name: /health-check/ });
    expect(
      within(health).getByText('When Expressions evaluated to false'),
    ).toBeInTheDocument();
    expect(
      within(health).getByText('when false in [true]'),
    ).toBeInTheDocument();
  });

  it('names the task that decided a failed run first, marked when it is a finally task', async () => {
    await renderInTestApp(
      <PipelineRunDetails
        run={pipelineRun({
          name: 'train-y',
          status: 'Failed',
          reason: 'Failed',
          message: 'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0',
          cause: {
            task: 'report-training-result',
            finally: true,
            reason: 'Failed',
            message: '"step-report" exited with code 1: Error',
          },
        })}
      />,
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Finally task report-training-result — Failed: "step-report" exited with code 1: Error',
    );
  });

  it('says in words why a gate did not promote the candidate', async () => {
    await renderInTestApp(
      <PipelineRunDetails
        run={pipelineRun({
          name: 'train-g',
          status: 'Failed',
          reason: 'Failed',
          cause: {
            task: 'health-check',
            reason: 'StepFailed',
            message: '"step-compare-with-served" exited with code 1: Error',
            verdict: 'not promoted: accuracy 0.81 < served 0.86 − 0.02',
          },
        })}
      />,
    );

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Task health-check — not promoted: accuracy 0.81 < served 0.86 − 0.02',
    );
    expect(alert).toHaveTextContent(
      'StepFailed: "step-compare-with-served" exited with code 1: Error',
    );
  });

  it("shows the run's own reason when no task decided it", async () => {
    await renderInTestApp(
      <PipelineRunDetails
        run={pipelineRun({
          name: 'train-z',
          status: 'Failed',
          reason: 'CouldntGetPipeline',
          message: 'Error retrieving pipeline for pipelinerun mlops/train-z',
          taskRuns: [],
        })}
      />,
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      'CouldntGetPipeline: Error retrieving pipeline for pipelinerun mlops/train-z',
    );
    expect(screen.queryByRole('table', { name: /Skipped tasks/ })).toBeNull();
  });

  it('says which model metrics were dropped and why', async () => {
    await renderInTestApp(
      <PipelineRunDetails
        run={pipelineRun({
          metricsProblems: [
            'metrics.accuracy of train-model: "n/a" is not a finite number',
          ],
        })}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Some model metrics of this run were dropped: metrics.accuracy of train-model: "n/a" is not a finite number.',
    );
  });
});
