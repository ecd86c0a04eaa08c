import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { pipelineRun, taskRun } from '../../__testUtils__/wireFixtures';
import { HealthHistoryChart } from './HealthHistoryChart';

describe('HealthHistoryChart', () => {
  it('plots each health check of the runs and says the outcome in words', async () => {
    const { container } = await renderInTestApp(
      <HealthHistoryChart
        runs={[
          pipelineRun({
            name: 'r2',
            taskRuns: [
              taskRun({ pipelineTask: 'health-check', status: 'Failed' }),
            ],
          }),
          pipelineRun({
            name: 'r1',
            taskRuns: [
              taskRun({
                pipelineTask: 'health-check',
                completedAt: '2025-01-01T10:00:00Z',
              }),
              taskRun({
                pipelineTask: 'post-deployment-check',
                completedAt: '2025-01-01T10:05:00Z',
              }),
              taskRun({ pipelineTask: 'train-model' }),
            ],
          }),
        ]}
      />,
    );

    expect(
      screen.getByText(
        /^3 health checks: 2 passed, 1 failed\. Latest: health-check failed 25 minutes ago\.$/,
      ),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(
      3,
    );
    expect(screen.getByText('post-deployment-check')).toBeInTheDocument();
  });

  it('says what it will show when no run has a health check', async () => {
    const { container } = await renderInTestApp(
      <HealthHistoryChart runs={[pipelineRun()]} />,
    );
    expect(
      screen.getByText(/No health checks in the recent training runs/),
    ).toBeInTheDocument();
    expect(container.querySelector('.recharts-wrapper')).toBeNull();
  });
});
