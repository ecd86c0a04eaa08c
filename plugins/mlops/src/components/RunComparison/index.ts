export { RunComparison } from './RunComparison';
export type { RunComparisonProps } from './RunComparison';
