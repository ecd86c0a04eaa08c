export { BuildsTable, pinnedImage } from './BuildsTable';
export type { BuildsTableProps } from './BuildsTable';
