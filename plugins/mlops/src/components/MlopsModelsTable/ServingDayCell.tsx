import type { MlopsServingDaySummary } from '@backstage-mlops/plugin-mlops-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { formatServingMetric } from '../../lib/servingMetricFormat';
import { VisuallyHidden } from '../VisuallyHidden';

/**
 * A model's last 24 hours of serving in words, e.g. `1,204 requests, 0.5 % errors,
 * p95 35 ms`; `no requests` when Prometheus has no series of it.
 *
 * @internal
 */
export function describeServingDay(day: MlopsServingDaySummary): string {
  if (day.requests === undefined) {
    return 'no requests';
  }
  const parts = [
    `${day.requests.toLocaleString('en-US')} request${
      day.requests === 1 ? '' : 's'
    }`,
  ];
  if (day.errorRate !== undefined) {
    parts.push(`${formatServingMetric('errorRate', day.errorRate)} errors`);
  }
  if (day.latencyP95 !== undefined) {
    parts.push(`p95 ${formatServingMetric('latencyP95', day.latencyP95)}`);
  }
  return parts.join(', ');
}

/**
 * The "Serving, last 24 h" cell of the ML Models page: the figures, a skeleton while
 * they load, or a dash whose tooltip says why nothing is known.
 *
 * @internal
 */
export function ServingDayCell(props: {
  day?: MlopsServingDaySummary;
  loading: boolean;
}) {
  const { day, loading } = props;
  if (!day) {
    return loading ? (
      <Skeleton variant="text" width={80} />
    ) : (
      <Typography variant="body2">—</Typography>
    );
  }
  if (day.problem) {
    return (
      <Tooltip title={day.problem}>
        <Typography variant="body2">
          —<VisuallyHidden> No serving metrics: {day.problem}</VisuallyHidden>
        </Typography>
      </Tooltip>
    );
  }
  return <Typography variant="body2">{describeServingDay(day)}</Typography>;
}
