import type {
  MlopsPipelineRunSummary,
  MlopsRunStatus,
} from '@backstage-mlops/plugin-mlops-common';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { toneColor } from '../../lib/chartColors';
import { chartAxisTick, chartTickTime } from '../../lib/chartTimeAxis';
import { formatDuration, runDuration } from '../../lib/formatDuration';
import {
  formatAbsoluteTime,
  formatRelativeTime,
} from '../../lib/formatRelativeTime';
import { runStatusLabel, runStatusTone } from '../../lib/statusTone';
import { ChartFigure } from '../ChartFigure';
import { ChartTooltip } from '../ChartTooltip';

/**
 * One bar of {@link TrainingRunsChart}.
 *
 * @internal
 */
export interface TrainingRunPoint {
  name: string;
  status: MlopsRunStatus;
  startedAt?: string;
  /** Duration in minutes (elapsed time while running). */
  minutes: number;
  running: boolean;
  /** X-axis label. */
  label: string;
}

/**
 * The runs as chart points, oldest first.
 *
 * @internal
 */
export function toTrainingRunPoints(
  runs: MlopsPipelineRunSummary[],
  now: number = Date.now(),
): TrainingRunPoint[] {
  return [...runs].reverse().map(run => {
    const duration = runDuration(run, now);
    const start = run.startedAt ?? run.createdAt;
    return {
      name: run.name,
      status: run.status,
      startedAt: run.startedAt,
      minutes: duration ? Math.round((duration.seconds / 60) * 100) / 100 : 0,
      running: duration?.running ?? false,
      label: Number.isNaN(Date.parse(start))
        ? run.name
        : chartTickTime.format(Date.parse(start)),
    };
  });
}

/**
 * The runs' outcomes in one sentence, e.g.
 * `Last 20 runs: 17 succeeded, 2 failed, 1 running.`
 *
 * @internal
 */
export function summarizeRunOutcomes(runs: MlopsPipelineRunSummary[]): string {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const label = runStatusLabel(run.status).toLowerCase();
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = [...counts].map(([label, n]) => `${n} ${label}`);
  const noun = runs.length === 1 ? 'run' : 'runs';
  return `Last ${runs.length} ${noun}: ${parts.join(', ')}.`;
}

/**
 * The chart's heading for this many runs (the newest page, at most a page).
 *
 * @internal
 */
export function trainingRunsChartHeading(runCount: number): string {
  if (runCount === 0) {
    return 'Duration and outcome of runs';
  }
  if (runCount === 1) {
    return 'Duration and outcome of the last run';
  }
  return `Duration and outcome of the last ${runCount} runs`;
}

function RunTooltip(props: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const point = props.payload?.[0]?.payload as TrainingRunPoint | undefined;
  if (!props.active || !point) {
    return null;
  }
  return (
    <ChartTooltip
      title={point.name}
      lines={[
        runStatusLabel(point.status),
        point.startedAt
          ? `Started ${formatRelativeTime(
              point.startedAt,
            )} (${formatAbsoluteTime(point.startedAt)})`
          : 'Not started',
        `${point.running ? 'Running for' : 'Took'} ${formatDuration(
          point.minutes * 60,
        )}`,
      ]}
    />
  );
}

/**
 * Props of {@link TrainingRunsChart}.
 *
 * @internal
 */
export interface TrainingRunsChartProps {
  /** The runs, newest first (as the backend lists them). */
  runs: MlopsPipelineRunSummary[];
}

/**
 * The duration and outcome of the last runs over time: one bar per run, oldest
 * on the left, its height the duration, its colour the outcome. The caption
 * says the same in words.
 *
 * @internal
 */
export function TrainingRunsChart(props: TrainingRunsChartProps) {
  const theme = useTheme();
  const { runs } = props;

  if (runs.length === 0) {
    return (
      <Typography variant="body2">
        No runs to chart yet: the duration and outcome of each run appear here
        once the model has trained.
      </Typography>
    );
  }

  const points = toTrainingRunPoints(runs);
  const summary = summarizeRunOutcomes(runs);
  return (
    <ChartFigure
      caption={
        <>{summary} Bar height is the run's duration, colour its outcome.</>
      }
      height={220}
      initialWidth={640}
    >
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="label"
          tick={chartAxisTick(theme)}
          interval="preserveStartEnd"
        />
        <YAxis
          tick={chartAxisTick(theme)}
          label={{
            value: 'minutes',
            angle: -90,
            position: 'insideLeft',
            fill: theme.palette.text.primary,
          }}
        />
        <Tooltip
          content={<RunTooltip />}
          cursor={{ fill: theme.palette.action.hover }}
        />
        <Bar dataKey="minutes" name="Duration" isAnimationActive={false}>
          {points.map(point => (
            <Cell
              key={point.name}
              fill={toneColor(theme, runStatusTone(point.status))}
            />
          ))}
        </Bar>
      </BarChart>
    </ChartFigure>
  );
}
