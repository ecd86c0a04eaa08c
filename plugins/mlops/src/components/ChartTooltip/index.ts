export { ChartTooltip } from './ChartTooltip';
export type { ChartTooltipProps } from './ChartTooltip';
