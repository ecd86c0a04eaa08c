export {
  TrainingRunsChart,
  summarizeRunOutcomes,
  trainingRunsChartHeading,
  toTrainingRunPoints,
} from './TrainingRunsChart';
export type {
  TrainingRunPoint,
  TrainingRunsChartProps,
} from './TrainingRunsChart';
