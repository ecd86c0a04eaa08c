import { pipelineRun, taskRun } from '../__testUtils__/wireFixtures';
import { healthCheckHistory } from './healthCheckHistory';

describe('healthCheckHistory', () => {
  it('collects the health-check tasks of every run, oldest first', () => {
    const points = healthCheckHistory([
      pipelineRun({
        name: 'newer',
        taskRuns: [
          taskRun({ pipelineTask: 'train-model' }),
          taskRun({
            pipelineTask: 'health-check',
            status: 'Failed',
            completedAt: '2025-01-02T10:00:00Z',
            results: [{ name: 'model-health', value: 'unhealthy' }],
          }),
        ],
      }),
      pipelineRun({
        name: 'older',
        taskRuns: [
          taskRun({
            pipelineTask: 'post-deployment-check',
            completedAt: '2025-01-01T10:05:00Z',
          }),
          taskRun({
            pipelineTask: 'health-check',
            completedAt: '2025-01-01T10:00:00Z',
          }),
        ],
      }),
    ]);

    expect(points.map(p => [p.pipelineRun, p.task, p.status])).toEqual([
      ['older', 'health-check', 'Succeeded'],
      ['older', 'post-deployment-check', 'Succeeded'],
      ['newer', 'health-check', 'Failed'],
    ]);
    expect(points[2].results).toEqual([
      { name: 'model-health', value: 'unhealthy' },
    ]);
  });

  it('uses the start of a running check, and skips checks that never started', () => {
    const points = healthCheckHistory([
      pipelineRun({
        taskRuns: [
          taskRun({
            pipelineTask: 'health-check',
            status: 'Running',
            startedAt: '2025-01-01T10:00:00Z',
            completedAt: undefined,
          }),
          taskRun({
            pipelineTask: 'post-deployment-check',
            status: 'Pending',
            startedAt: undefined,
            completedAt: undefined,
          }),
        ],
      }),
    ]);
    expect(points).toEqual([
      expect.objectContaining({
        task: 'health-check',
        status: 'Running',
        time: '2025-01-01T10:00:00Z',
      }),
    ]);
  });
});
