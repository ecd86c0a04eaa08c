/**
 * How the charts label time on their x-axis, e.g. `Nov 22, 03:51 PM`.
 *
 * @internal
 */
export const chartTickTime = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
