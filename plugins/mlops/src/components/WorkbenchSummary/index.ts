export { WorkbenchSummary } from './WorkbenchSummary';
export type { WorkbenchSummaryProps } from './WorkbenchSummary';
