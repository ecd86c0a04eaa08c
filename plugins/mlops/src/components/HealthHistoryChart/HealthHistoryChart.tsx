import {
  MLOPS_HEALTH_CHECK_TASKS,
  type MlopsPipelineRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  CartesianGrid,
  Legend,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { toneColor } from '../../lib/chartColors';
import { chartAxisTick, timeXAxisProps } from '../../lib/chartTimeAxis';
import {
  formatAbsoluteTime,
  formatRelativeTime,
} from '../../lib/formatRelativeTime';
import {
  healthCheckHistory,
  type HealthCheckPoint,
} from '../../lib/healthCheckHistory';
import { runStatusLabel } from '../../lib/statusTone';
import { ChartFigure } from '../ChartFigure';
import { ChartTooltip } from '../ChartTooltip';
import { formatParamValue } from '../NameValueList';

type Outcome = 'passed' | 'failed' | 'other';

function outcomeOf(point: HealthCheckPoint): Outcome {
  if (point.status === 'Succeeded') {
    return 'passed';
  }
  return point.status === 'Failed' || point.status === 'TimedOut'
    ? 'failed'
    : 'other';
}

interface ChartPoint extends HealthCheckPoint {
  x: number;
  lane: number;
}

/**
 * The health history in one sentence, e.g. `12 health checks: 10 passed, 2
 * failed. Latest: health-check passed 5 minutes ago.`
 *
 * @internal
 */
export function summarizeHealthHistory(points: HealthCheckPoint[]): string {
  const passed = points.filter(p => outcomeOf(p) === 'passed').length;
  const failed = points.filter(p => outcomeOf(p) === 'failed').length;
  const other = points.length - passed - failed;
  const latest = points[points.length - 1];
  const counts = [`${passed} passed`, `${failed} failed`];
  if (other) {
    counts.push(`${other} other`);
  }
  return `${points.length} health checks: ${counts.join(', ')}. Latest: ${
    latest.task
  } ${
    outcomeOf(latest) === 'other'
      ? runStatusLabel(latest.status).toLowerCase()
      : outcomeOf(latest)
  } ${formatRelativeTime(latest.time)}.`;
}

function PointTooltip(props: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const point = props.payload?.[0]?.payload as ChartPoint | undefined;
  if (!props.active || !point) {
    return null;
  }
  return (
    <ChartTooltip
      title={`${point.task}: ${runStatusLabel(point.status)}`}
      lines={[
        `Run ${point.pipelineRun}`,
        `${formatRelativeTime(point.time)} (${formatAbsoluteTime(point.time)})`,
        ...point.results.map(r => `${r.name}: ${formatParamValue(r.value)}`),
      ]}
    />
  );
}

/**
 * Props of {@link HealthHistoryChart}.
 *
 * @internal
 */
export interface HealthHistoryChartProps {
  /** Training runs, in any order; their health-check tasks are charted. */
  runs: MlopsPipelineRunSummary[];
}

/**
 * Health-check outcomes over time: one lane per health-check task, one dot per
 * run (green passed, red failed, grey other), with the task's results in the
 * tooltip. The caption says the same in words.
 *
 * @internal
 */
export function HealthHistoryChart(props: HealthHistoryChartProps) {
  const theme = useTheme();
  const points = healthCheckHistory(props.runs);
  if (points.length === 0) {
    return (
      <Typography variant="body2">
        No health checks in the recent training runs. The history shows the{' '}
        {MLOPS_HEALTH_CHECK_TASKS.join(' and ')} tasks of the training pipeline
        once they have run.
      </Typography>
    );
  }
  const lanes = [...MLOPS_HEALTH_CHECK_TASKS];
  const data: ChartPoint[] = points.map(p => ({
    ...p,
    x: Date.parse(p.time),
    lane: lanes.indexOf(p.task),
  }));
  const series: { outcome: Outcome; name: string; color: string }[] = [
    { outcome: 'passed', name: 'Passed', color: toneColor(theme, 'ok') },
    { outcome: 'failed', name: 'Failed', color: toneColor(theme, 'error') },
    { outcome: 'other', name: 'Other', color: toneColor(theme, 'aborted') },
  ];
  const summary = summarizeHealthHistory(points);
  return (
    <ChartFigure caption={summary} height={180} initialWidth={640}>
      <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          {...timeXAxisProps(theme, 'x')}
          padding={{ left: 12, right: 12 }}
        />
        <YAxis
          type="number"
          dataKey="lane"
          domain={[-0.5, lanes.length - 0.5]}
          ticks={lanes.map((_, i) => i)}
          tickFormatter={(value: number) => lanes[value] ?? ''}
          width={150}
          tick={chartAxisTick(theme)}
        />
        <Tooltip content={<PointTooltip />} />
        <Legend />
        {series.map(s => (
          <Scatter
            key={s.outcome}
            name={s.name}
            data={data.filter(p => outcomeOf(p) === s.outcome)}
            fill={s.color}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ChartFigure>
  );
}
