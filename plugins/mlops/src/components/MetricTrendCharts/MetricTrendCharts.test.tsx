import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { pipelineRuns } from '../../__testUtils__/wireFixtures';
import {
  describeMetricTrend,
  MetricTrendCharts,
  metricTrend,
} from './MetricTrendCharts';

// Newest first, as the backend lists them: run-0 is the newest.
const runs = pipelineRuns(4, i =>
  i === 2
    ? {}
    : {
        metrics: [
          {
            name: 'accuracy',
            value: [0.9, 0.85, 0, 0.8][i],
            source: 'pipeline',
          },
          { name: 'rmse', value: [1.1, 1.3, 0, 1.5][i], source: 'pipeline' },
        ],
      },
);

describe('MetricTrendCharts', () => {
  it('puts the runs that reported a metric oldest first', () => {
    expect(metricTrend(runs, 'accuracy').map(p => [p.run, p.value])).toEqual([
      ['run-3', 0.8],
      ['run-1', 0.85],
      ['run-0', 0.9],
    ]);
  });

  it('says the trend in words, best by the metric direction', () => {
    expect(describeMetricTrend('rmse', metricTrend(runs, 'rmse'))).toBe(
      'rmse in 3 runs: latest 1.1, best 1.1 (lower is better), worst 1.5.',
    );
  });

  it('draws a captioned chart per metric, and nothing without metrics', async () => {
    const { unmount } = await renderInTestApp(
      <MetricTrendCharts runs={runs} />,
    );
    expect(
      screen.getByText(
        'accuracy in 3 runs: latest 0.9, best 0.9 (higher is better), worst 0.8.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^rmse in 3 runs/)).toBeInTheDocument();
    unmount();
    await renderInTestApp(<MetricTrendCharts runs={pipelineRuns(2)} />);
    expect(screen.queryByText(/runs: latest/)).not.toBeInTheDocument();
  });
});
