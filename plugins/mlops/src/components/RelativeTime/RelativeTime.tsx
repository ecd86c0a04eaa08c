import {
  formatAbsoluteTime,
  formatRelativeTime,
} from '../../lib/formatRelativeTime';

/**
 * Props of {@link RelativeTime}.
 *
 * @internal
 */
export interface RelativeTimeProps {
  /** ISO 8601 time; nothing known is shown as a dash. */
  value?: string;
}

/**
 * A time relative to now (`5 minutes ago`), with the absolute local time on
 * hover (a native title: cheap enough for every cell of a long table) and in
 * the `<time>` element's `dateTime`.
 *
 * @internal
 */
export function RelativeTime(props: RelativeTimeProps) {
  if (!props.value) {
    return <span>—</span>;
  }
  return (
    <time dateTime={props.value} title={formatAbsoluteTime(props.value)}>
      {formatRelativeTime(props.value)}
    </time>
  );
}
