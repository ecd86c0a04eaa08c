export { CellResultsGrid, describeCell } from './CellResultsGrid';
export type { CellResultsGridProps } from './CellResultsGrid';
