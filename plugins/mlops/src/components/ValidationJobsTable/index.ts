export { ValidationJobsTable } from './ValidationJobsTable';
export type { ValidationJobsTableProps } from './ValidationJobsTable';
export { ValidationJobDetails } from './ValidationJobDetails';
export type { ValidationJobDetailsProps } from './ValidationJobDetails';
