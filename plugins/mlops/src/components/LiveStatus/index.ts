export { LiveStatus } from './LiveStatus';
export type { LiveStatusProps } from './LiveStatus';
