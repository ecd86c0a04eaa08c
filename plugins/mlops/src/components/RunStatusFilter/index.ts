export { RunStatusFilter } from './RunStatusFilter';
export type { RunStatusFilterProps } from './RunStatusFilter';
