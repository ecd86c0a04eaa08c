/**
 * Times and durations as the status vocabulary reads them: every time on the wire is
 * an ISO 8601 string as the API server wrote it, every duration a number of seconds.
 */

/**
 * The timestamp when it parses as a date, else undefined (so a malformed value never
 * reaches the wire).
 *
 * @public
 */
export function validTime(value: string | undefined): string | undefined {
  return value !== undefined && Number.isFinite(Date.parse(value))
    ? value
    : undefined;
}

/**
 * Milliseconds since the epoch of a timestamp, or undefined.
 *
 * @public
 */
export function timeMillis(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const millis = Date.parse(value);
  return Number.isFinite(millis) ? millis : undefined;
}

/**
 * Seconds from `start` to `end`, when both are known and in order.
 *
 * @public
 */
export function secondsBetween(
  start: string | undefined,
  end: string | undefined,
): number | undefined {
  const from = timeMillis(start);
  const to = timeMillis(end);
  if (from === undefined || to === undefined || to < from) {
    return undefined;
  }
  return (to - from) / 1000;
}

/**
 * The start, completion and duration of a run, task or job as the wire carries
 * them: only the times that parse, and the duration when both are known and in
 * order.
 *
 * @public
 */
export interface RunTimes {
  startedAt?: string;
  completedAt?: string;
  durationSeconds?: number;
}

/**
 * {@link RunTimes} of a start and completion time as the API server wrote them.
 *
 * @public
 */
export function runTimes(
  startTime: string | undefined,
  completionTime: string | undefined,
): RunTimes {
  const out: RunTimes = {};
  const startedAt = validTime(startTime);
  const completedAt = validTime(completionTime);
  if (startedAt) {
    out.startedAt = startedAt;
  }
  if (completedAt) {
    out.completedAt = completedAt;
  }
  const duration = secondsBetween(startedAt, completedAt);
  if (duration !== undefined) {
    out.durationSeconds = duration;
  }
  return out;
}

const GO_DURATION_UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ns: 1e-9,
};

/**
 * Seconds of a Go duration string (`metav1.Duration`), e.g. `5m30s`, `1h0m0s`,
 * `1.234s`, `250ms`. Undefined for anything else.
 *
 * @public
 */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (!text) {
    return undefined;
  }
  const trimmed = text.trim();
  if (trimmed === '0') {
    return 0;
  }
  const part = /(\d+(?:\.\d+)?|\.\d+)(h|ms|m|s|us|µs|μs|ns)/g;
  let seconds = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(part)) {
    if (match.index !== consumed) {
      return undefined;
    }
    seconds += Number(match[1]) * GO_DURATION_UNIT_SECONDS[match[2]];
    consumed += match[0].length;
  }
  if (consumed === 0 || consumed !== trimmed.length) {
    return undefined;
  }
  // Rounded to the nanosecond, Go's precision, to drop floating-point noise.
  return Math.round(seconds * 1e9) / 1e9;
}

/**
 * Seconds of a duration in nanoseconds (OpenShift `Build.status.duration`).
 *
 * @public
 */
export function nanosecondsToSeconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value / 1e9
    : undefined;
}
