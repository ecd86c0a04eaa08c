import { Progress, WarningPanel } from '@backstage/core-components';
import {
  MLOPS_SERVING_METRICS_WINDOWS,
  type MlopsServingMetricName,
  type MlopsServingMetricSeries,
  type MlopsServingMetricsResponse,
  type MlopsServingMetricsWindow,
} from '@backstage-mlops/plugin-mlops-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsServingMetrics } from '../../hooks/useMlopsServingMetrics';
import { backendMessage } from '../../lib/backendMessage';
import {
  chartAxisTick,
  chartTickTime,
  timeXAxisProps,
} from '../../lib/chartTimeAxis';
import { formatServingMetric } from '../../lib/servingMetricFormat';
import { ChartFigure } from '../ChartFigure';
import { ChartTooltip } from '../ChartTooltip';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { SectionCard } from '../SectionCard';

const useStyles = makeStyles(theme => ({
  windows: { marginBottom: theme.spacing(2) },
}));

const WINDOW_WORDS: Record<MlopsServingMetricsWindow, string> = {
  '1h': 'the last hour',
  '24h': 'the last 24 hours',
  '7d': 'the last 7 days',
};

const LABELS: Record<MlopsServingMetricName, string> = {
  requestRate: 'Requests',
  errorRate: 'Errors',
  latencyP50: 'p50',
  latencyP95: 'p95',
  cpu: 'CPU',
  memory: 'Memory',
};

/** The charts of the card: a title and the metrics drawn in it. */
const CHARTS: Array<{ title: string; metrics: MlopsServingMetricName[] }> = [
  { title: 'Request rate', metrics: ['requestRate'] },
  { title: 'Error rate', metrics: ['errorRate'] },
  { title: 'Latency', metrics: ['latencyP50', 'latencyP95'] },
  { title: 'CPU', metrics: ['cpu'] },
  { title: 'Memory', metrics: ['memory'] },
];

/** What answered for CPU and memory, in words. */
function sourceNote(series: MlopsServingMetricSeries): string {
  if (series.source === 'process') {
    return ` (the model server process's own ${
      series.metric === 'cpu'
        ? 'process_cpu_seconds_total'
        : 'process_resident_memory_bytes'
    }: Prometheus has no container series of the predictor)`;
  }
  if (series.source === 'container') {
    return ' (kserve-container, from the kubelet)';
  }
  return '';
}

/**
 * One chart's metrics in one sentence, e.g. `Latency over the last hour: p50 latest
 * 12 ms, p95 latest 40 ms (118 samples).`
 *
 * @internal
 */
export function describeServingChart(
  title: string,
  series: MlopsServingMetricSeries[],
  window: MlopsServingMetricsWindow,
): string {
  const withPoints = series.filter(s => s.points.length > 0);
  if (withPoints.length === 0) {
    return `${title} over ${WINDOW_WORDS[window]}: no samples (no requests, or Prometheus has not scraped the model server).`;
  }
  const parts = withPoints.map(s => {
    const latest = s.points[s.points.length - 1].value;
    return `${
      series.length > 1 ? `${LABELS[s.metric]} ` : ''
    }latest ${formatServingMetric(s.metric, latest)}${sourceNote(s)}`;
  });
  const samples = withPoints.reduce((n, s) => n + s.points.length, 0);
  return `${title} over ${WINDOW_WORDS[window]}: ${parts.join(
    ', ',
  )} (${samples} sample${samples === 1 ? '' : 's'}).`;
}

function PointTooltip(props: {
  active?: boolean;
  label?: unknown;
  payload?: ReadonlyArray<{ dataKey?: unknown; value?: unknown }>;
}) {
  if (!props.active || !props.payload?.length) {
    return null;
  }
  return (
    <ChartTooltip
      title={chartTickTime.format(Number(props.label))}
      lines={props.payload.map(
        p =>
          `${
            LABELS[p.dataKey as MlopsServingMetricName]
          }: ${formatServingMetric(
            p.dataKey as MlopsServingMetricName,
            Number(p.value),
          )}`,
      )}
    />
  );
}

function ServingChart(props: {
  title: string;
  series: MlopsServingMetricSeries[];
  response: MlopsServingMetricsResponse;
}) {
  const { title, series, response } = props;
  const theme = useTheme();
  const byTime = new Map<number, Record<string, number>>();
  for (const s of series) {
    for (const p of s.points) {
      byTime.set(p.t, { ...byTime.get(p.t), t: p.t, [s.metric]: p.value });
    }
  }
  const data = [...byTime.values()].sort((a, b) => a.t - b.t);
  const colors = [theme.palette.primary.main, theme.palette.secondary.main];
  return (
    <ChartFigure
      caption={describeServingChart(title, series, response.window)}
      height={160}
      initialWidth={360}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          {...timeXAxisProps(theme, 't', [
            Date.parse(response.start),
            Date.parse(response.end),
          ])}
        />
        <YAxis
          tick={chartAxisTick(theme, 11)}
          domain={[0, 'auto']}
          tickFormatter={(v: number) =>
            formatServingMetric(series[0].metric, v)
          }
          width={72}
        />
        <Tooltip content={<PointTooltip />} />
        {series.length > 1 && <Legend />}
        {series.map((s, i) => (
          <Line
            key={s.metric}
            type="linear"
            dataKey={s.metric}
            name={LABELS[s.metric]}
            stroke={colors[i % colors.length]}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFigure>
  );
}

function statusOf(error: Error): number | undefined {
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/**
 * Props of {@link ServingMetricsCard}.
 *
 * @internal
 */
export interface ServingMetricsCardProps {
  entityRef: MlopsEntityRef;
}

/**
 * The serving metrics of a model's predictor from its cluster's Prometheus: request
 * rate, error rate, p50/p95 latency, CPU and memory over the last hour, day or week,
 * each chart with a sentence saying its latest value.
 *
 * @internal
 */
export function ServingMetricsCard(props: ServingMetricsCardProps) {
  const classes = useStyles();
  const [window, setWindow] = useState<MlopsServingMetricsWindow>('1h');
  const metrics = useMlopsServingMetrics(props.entityRef, window);

  let body;
  if (metrics.error) {
    const message = backendMessage(metrics.error);
    switch (statusOf(metrics.error)) {
      case 404:
        body = (
          <WarningPanel
            severity="info"
            title="No serving metrics"
            defaultExpanded
            message={message}
          />
        );
        break;
      case 503:
        body = (
          <WarningPanel
            severity="warning"
            title="Prometheus cannot be queried"
            defaultExpanded
            message={message}
          >
            <Button variant="outlined" size="small" onClick={metrics.refresh}>
              Try again
            </Button>
          </WarningPanel>
        );
        break;
      default:
        body = (
          <MlopsErrorPanel
            error={metrics.error}
            what="serving metrics"
            onRetry={metrics.refresh}
          />
        );
    }
  } else if (!metrics.value) {
    body = <Progress />;
  } else {
    const response = metrics.value;
    body = (
      <Grid container spacing={2}>
        {CHARTS.map(chart => (
          <Grid item xs={12} md={6} lg={4} key={chart.title}>
            <ServingChart
              title={chart.title}
              series={response.series.filter(s =>
                chart.metrics.includes(s.metric),
              )}
              response={response}
            />
          </Grid>
        ))}
      </Grid>
    );
  }

  return (
    <SectionCard
      title="Serving metrics"
      subheader="From the Prometheus of the model's cluster"
      onRefresh={metrics.refresh}
    >
      <ButtonGroup
        size="small"
        aria-label="Time window"
        className={classes.windows}
      >
        {MLOPS_SERVING_METRICS_WINDOWS.map(w => (
          <Button
            key={w}
            aria-pressed={w === window}
            variant={w === window ? 'contained' : 'outlined'}
            color="primary"
            onClick={() => setWindow(w)}
          >
            {w}
          </Button>
        ))}
      </ButtonGroup>
      {body}
    </SectionCard>
  );
}
