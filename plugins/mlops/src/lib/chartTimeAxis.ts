import type { Theme } from '@material-ui/core/styles';

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

/**
 * The tick labels of the charts' axes: the theme's text colour (so dark mode works).
 *
 * @internal
 */
export function chartAxisTick(
  theme: Theme,
  fontSize = 12,
): { fill: string; fontSize: number } {
  return { fill: theme.palette.text.primary, fontSize };
}

/**
 * The props of a numeric time x-axis (epoch milliseconds in `dataKey`) over
 * `domain`, labelled as {@link chartTickTime}.
 *
 * @internal
 */
export function timeXAxisProps(
  theme: Theme,
  dataKey: string,
  domain: [number | 'dataMin', number | 'dataMax'] = ['dataMin', 'dataMax'],
) {
  return {
    type: 'number' as const,
    dataKey,
    domain,
    tickFormatter: (value: number) => chartTickTime.format(value),
    tick: chartAxisTick(theme),
  };
}
