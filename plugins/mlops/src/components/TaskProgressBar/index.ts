export { TaskProgressBar, describeTaskCounts } from './TaskProgressBar';
export type { TaskProgressBarProps } from './TaskProgressBar';
