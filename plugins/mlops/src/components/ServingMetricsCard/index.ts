export { ServingMetricsCard, describeServingChart } from './ServingMetricsCard';
export type { ServingMetricsCardProps } from './ServingMetricsCard';
