export { FreshnessNotices } from './FreshnessNotices';
export type { FreshnessNoticesProps } from './FreshnessNotices';
