import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pipelineRun, taskRun } from '../../__testUtils__/wireFixtures';
import { RunGraph } from './RunGraph';

// ADR-053's pipeline as the seeded run resolved it: the health check skipped by
// its `when` expression, the rollout retried once, the finally task reporting.
const run = pipelineRun({
  name: 'train-anomaly-detector-x',
  graph: [
    { name: 'train-model', after: [] },
    { name: 'health-check', after: ['train-model'] },
    { name: 'deploy-model', after: ['health-check'] },
    { name: 'report-training-result', after: [], finally: true },
  ],
  taskRuns: [
    taskRun({ name: 'x-train-model', pipelineTask: 'train-model' }),
    taskRun({
      name: 'x-deploy-model',
      pipelineTask: 'deploy-model',
      retries: 1,
      earlierAttempts: [{ attempt: 1, status: 'Failed', reason: 'Failed' }],
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

describe('RunGraph', () => {
  it('draws every task as a button that says its state, marks and waits', async () => {
    await renderInTestApp(<RunGraph run={run} />);
    const graph = screen.getByRole('group', { name: 'Task graph' });
    const names = within(graph)
      .getAllByRole('button')
      .map(b => b.getAttribute('aria-label'));
    expect(names).toEqual([
      'train-model: Succeeded. Open details',
      'health-check: Skipped (When Expressions evaluated to false), after train-model. Open details',
      'deploy-model: Succeeded (attempt 2 of 2), after health-check. Open details',
      'report-training-result: Succeeded (finally). Open details',
    ]);
    expect(
      within(graph).getByText('finally (after all tasks)'),
    ).toBeInTheDocument();
  });

  it('opens a skipped task with its reason, and a run task with its TaskRun and actions, from the keyboard', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <RunGraph
        run={run}
        renderTaskActions={(_, task) => (
          <button type="button">Logs of {task.name}</button>
        )}
      />,
    );
    const health = screen.getByRole('button', { name: /^health-check:/ });
    health.focus();
    await user.keyboard('{Enter}');
    let dialog = await screen.findByRole('dialog', {
      name: 'health-check in train-anomaly-detector-x',
    });
    expect(
      within(dialog).getByText('When Expressions evaluated to false'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('when false in [true]'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    screen.getByRole('button', { name: /^deploy-model:/ }).focus();
    await user.keyboard(' ');
    dialog = await screen.findByRole('dialog', {
      name: 'deploy-model in train-anomaly-detector-x',
    });
    const table = within(dialog).getByRole('table', {
      name: 'TaskRuns of deploy-model',
    });
    expect(within(table).getByText('x-deploy-model')).toBeInTheDocument();
    expect(
      within(table).getByLabelText('Attempt 1 of deploy-model'),
    ).toHaveTextContent('Attempt 1: Failed (Failed)');
    expect(
      within(table).getByRole('button', { name: 'Logs of x-deploy-model' }),
    ).toBeInTheDocument();
  });

  it('draws nothing for a run Tekton has not resolved yet', async () => {
    await renderInTestApp(<RunGraph run={pipelineRun({})} />);
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
