import { timeMillis, validTime } from '@backstage-mlops/plugin-mlops-node';

const EPOCH = '1970-01-01T00:00:00Z';

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
