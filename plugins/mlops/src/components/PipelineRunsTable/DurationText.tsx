import { formatDuration, runDuration } from '../../lib/formatDuration';

/**
 * Props of {@link DurationText}.
 *
 * @internal
 */
export interface DurationTextProps {
  item: { durationSeconds?: number; startedAt?: string; completedAt?: string };
}

/**
 * How long a run, task, job or build took, or has been running (`5m 02s,
 * running`); a dash before it starts.
 *
 * @internal
 */
export function DurationText(props: DurationTextProps) {
  const duration = runDuration(props.item);
  if (!duration) {
    return <span>—</span>;
  }
  return (
    <span>
      {formatDuration(duration.seconds)}
      {duration.running ? ', running' : ''}
    </span>
  );
}
