import {
  mlopsBestMetricValue,
  mlopsMetricDirection,
  type MlopsPipelineRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chartAxisTick, chartTickTime } from '../../lib/chartTimeAxis';
import { formatMetric, metricNamesOf, metricOf } from '../../lib/runMetrics';
import { ChartFigure } from '../ChartFigure';
import { ChartTooltip } from '../ChartTooltip';

interface MetricPoint {
  run: string;
  label: string;
  value: number;
}

/**
 * The runs that reported a metric, oldest first, as chart points.
 *
 * @internal
 */
export function metricTrend(
  runs: readonly MlopsPipelineRunSummary[],
  name: string,
): MetricPoint[] {
  return [...runs].reverse().flatMap(run => {
    const value = metricOf(run, name);
    if (value === undefined) {
      return [];
    }
    const start = Date.parse(run.startedAt ?? run.createdAt);
    return [
      {
        run: run.name,
        label: Number.isNaN(start) ? run.name : chartTickTime.format(start),
        value,
      },
    ];
  });
}

/**
 * A metric's trend in one sentence, e.g.
 * `accuracy in 12 runs: latest 0.91, best 0.95 (higher is better), worst 0.84.`
 *
 * @internal
 */
export function describeMetricTrend(
  name: string,
  points: readonly MetricPoint[],
): string {
  const values = points.map(p => p.value);
  const direction = mlopsMetricDirection(name);
  const best = mlopsBestMetricValue(name, values);
  const worst =
    direction === 'lower' ? Math.max(...values) : Math.min(...values);
  const noun = points.length === 1 ? 'run' : 'runs';
  return `${name} in ${points.length} ${noun}: latest ${formatMetric(
    values[values.length - 1],
  )}, best ${formatMetric(best)} (${direction} is better), worst ${formatMetric(
    worst,
  )}.`;
}

function PointTooltip(props: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown; name?: unknown }>;
}) {
  const point = props.payload?.[0]?.payload as MetricPoint | undefined;
  if (!props.active || !point) {
    return null;
  }
  return (
    <ChartTooltip
      title={point.run}
      lines={[
        `${String(props.payload?.[0]?.name)}: ${formatMetric(point.value)}`,
      ]}
    />
  );
}

/**
 * Props of {@link MetricTrendCharts}.
 *
 * @internal
 */
export interface MetricTrendChartsProps {
  /** The runs, newest first (as the backend lists them). */
  runs: MlopsPipelineRunSummary[];
}

/**
 * One line chart per model metric across the runs, oldest on the left, each with a
 * caption saying its latest, best and worst value. Nothing when no run reported a
 * metric.
 *
 * @internal
 */
export function MetricTrendCharts(props: MetricTrendChartsProps) {
  const theme = useTheme();
  const names = metricNamesOf(props.runs);
  if (names.length === 0) {
    return null;
  }
  return (
    <Grid container spacing={2}>
      {names.map(name => {
        const points = metricTrend(props.runs, name);
        return (
          <Grid item xs={12} md={6} lg={4} key={name}>
            <ChartFigure
              caption={describeMetricTrend(name, points)}
              height={160}
              initialWidth={360}
            >
              <LineChart
                data={points}
                margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="label"
                  tick={chartAxisTick(theme, 11)}
                  interval="preserveStartEnd"
                />
                <YAxis
                  tick={chartAxisTick(theme, 11)}
                  domain={['auto', 'auto']}
                  tickFormatter={(v: number) => formatMetric(v)}
                  width={56}
                />
                <Tooltip content={<PointTooltip />} />
                <Line
                  type="monotone"
                  dataKey="value"
                  name={name}
                  stroke={theme.palette.primary.main}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
              </LineChart>
            </ChartFigure>
          </Grid>
        );
      })}
    </Grid>
  );
}
