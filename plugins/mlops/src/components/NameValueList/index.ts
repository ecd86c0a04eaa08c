export { NameValueList, formatParamValue } from './NameValueList';
export type { NameValueListProps } from './NameValueList';
