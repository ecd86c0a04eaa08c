export { HealthChecksTable } from './HealthChecksTable';
export type { HealthChecksTableProps } from './HealthChecksTable';
