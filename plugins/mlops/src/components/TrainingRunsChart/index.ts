export {
  TrainingRunsChart,
  summarizeRunOutcomes,
  toTrainingRunPoints,
} from './TrainingRunsChart';
export type {
  TrainingRunPoint,
  TrainingRunsChartProps,
} from './TrainingRunsChart';
