import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { pipelineRun, pipelineRuns } from '../../__testUtils__/wireFixtures';
import {
  summarizeRunOutcomes,
  toTrainingRunPoints,
  trainingRunsChartHeading,
  TrainingRunsChart,
} from './TrainingRunsChart';

describe('TrainingRunsChart', () => {
  it('draws one bar per run, coloured by outcome, and says it in words', async () => {
    const runs = pipelineRuns(5, i =>
      i === 1 ? { status: 'Failed', durationSeconds: 120 } : {},
    );
    const { container } = await renderInTestApp(
      <TrainingRunsChart runs={runs} />,
    );

    expect(
      screen.getByText(/Last 5 runs: 4 succeeded, 1 failed\./),
    ).toBeInTheDocument();
    const bars = container.querySelectorAll('.recharts-bar-rectangle path');
    expect(bars).toHaveLength(5);
    const fills = Array.from(bars).map(b => b.getAttribute('fill'));
    // Oldest first: run-1 (failed) is the fourth bar.
    expect(new Set(fills).size).toBe(2);
    expect(fills[3]).not.toBe(fills[0]);
  });

  it('says there is nothing to chart without runs', async () => {
    const { container } = await renderInTestApp(
      <TrainingRunsChart runs={[]} />,
    );

    expect(screen.getByText(/No runs to chart yet/)).toBeInTheDocument();
    expect(container.querySelector('.recharts-wrapper')).toBeNull();
  });

  it('puts runs oldest first, with the elapsed time of a running run', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    const points = toTrainingRunPoints(
      [
        pipelineRun({
          name: 'running',
          status: 'Running',
          startedAt: '2025-01-01T11:30:00Z',
          completedAt: undefined,
          durationSeconds: undefined,
        }),
        pipelineRun({ name: 'done', durationSeconds: 90 }),
      ],
      now,
    );
    expect(points.map(p => [p.name, p.minutes, p.running])).toEqual([
      ['done', 1.5, false],
      ['running', 30, true],
    ]);
  });

  it('summarises outcomes with status words', () => {
    expect(
      summarizeRunOutcomes([
        pipelineRun({ status: 'TimedOut' }),
        pipelineRun({ status: 'Succeeded' }),
      ]),
    ).toBe('Last 2 runs: 1 timed out, 1 succeeded.');
    expect(summarizeRunOutcomes([pipelineRun()])).toBe(
      'Last 1 run: 1 succeeded.',
    );
  });

  it('heads the chart with the number of runs it shows, not the page size', () => {
    expect(trainingRunsChartHeading(16)).toBe(
      'Duration and outcome of the last 16 runs',
    );
    expect(trainingRunsChartHeading(1)).toBe(
      'Duration and outcome of the last run',
    );
    expect(trainingRunsChartHeading(0)).toBe('Duration and outcome of runs');
  });
});
