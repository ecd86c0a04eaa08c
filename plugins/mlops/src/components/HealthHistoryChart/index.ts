export {
  HealthHistoryChart,
  summarizeHealthHistory,
} from './HealthHistoryChart';
export type { HealthHistoryChartProps } from './HealthHistoryChart';
