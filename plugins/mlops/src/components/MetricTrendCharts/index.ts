export {
  MetricTrendCharts,
  metricTrend,
  describeMetricTrend,
} from './MetricTrendCharts';
export type { MetricTrendChartsProps } from './MetricTrendCharts';
