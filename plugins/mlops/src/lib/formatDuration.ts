/**
 * A duration in seconds for people: `42s`, `3m 05s`, `1h 02m`, `2d 3h`.
 *
 * @internal
 */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) {
    return `${total}s`;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const minutes = Math.floor(total / 60);
  if (minutes < 60) {
    return `${minutes}m ${pad(total % 60)}s`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours}h ${pad(minutes % 60)}m`;
  }
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
 * How long something ran: its recorded duration, or, while it runs, the time
 * since it started (`running` is then true). Undefined when it has not started.
 *
 * @internal
 */
export function runDuration(
  item: { durationSeconds?: number; startedAt?: string; completedAt?: string },
  now: number = Date.now(),
): { seconds: number; running: boolean } | undefined {
  if (item.durationSeconds !== undefined) {
    return { seconds: item.durationSeconds, running: false };
  }
  if (!item.startedAt) {
    return undefined;
  }
  const start = Date.parse(item.startedAt);
  if (Number.isNaN(start)) {
    return undefined;
  }
  if (item.completedAt) {
    const end = Date.parse(item.completedAt);
    return Number.isNaN(end)
      ? undefined
      : { seconds: (end - start) / 1000, running: false };
  }
  return { seconds: (now - start) / 1000, running: true };
}
