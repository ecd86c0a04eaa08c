export { ModelSummaryStatus } from './ModelSummaryStatus';
export type { ModelSummaryStatusProps } from './ModelSummaryStatus';
