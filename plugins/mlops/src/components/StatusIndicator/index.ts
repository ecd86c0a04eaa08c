export { RunStatusIndicator, StatusIndicator } from './StatusIndicator';
export type {
  RunStatusIndicatorProps,
  StatusIndicatorProps,
} from './StatusIndicator';
