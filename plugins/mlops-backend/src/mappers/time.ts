/**
 * Time helpers of the mappers: every time on the wire is an ISO 8601 string as the API
 * server wrote it, every duration a number of seconds.
 */

const EPOCH = '1970-01-01T00:00:00Z';

/**
 * The timestamp when it parses as a date, else undefined (so a malformed value never
 * reaches the wire).
 *
 * @internal
 */
export function validTime(value: string | undefined): string | undefined {
  return value !== undefined && Number.isFinite(Date.parse(value))
    ? value
    : undefined;
}

/**
 * Milliseconds since the epoch of a timestamp, or undefined.
 *
 * @internal
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
 * @internal
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
 * @internal
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
 * @internal
 */
export function nanosecondsToSeconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value / 1e9
    : undefined;
}

/**
 * When an object came into being, for the wire and for ordering: its
 * `creationTimestamp`, or its start time when that is earlier. On a live cluster a run
 * starts after it is created, so this is the creation time; for objects restored from a
 * backup or recreated on another cluster (whose creation time is the restore time)
 * the status still holds when the run really started, and that keeps history in order.
 * Objects without either (hand-made fixtures) fall back to the other given times, and
 * to the epoch as a last resort so ordering stays total.
 *
 * @internal
 */
export function createdAtOf(
  meta: { creationTimestamp?: string },
  startedAt?: string,
  ...fallbacks: Array<string | undefined>
): string {
  const created = validTime(meta.creationTimestamp);
  const started = validTime(startedAt);
  if (created && started) {
    return (timeMillis(started) ?? 0) < (timeMillis(created) ?? 0)
      ? started
      : created;
  }
  for (const candidate of [created, started, ...fallbacks]) {
    if (candidate) {
      return candidate;
    }
  }
  return EPOCH;
}
