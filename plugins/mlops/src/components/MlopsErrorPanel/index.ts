export { MlopsErrorPanel } from './MlopsErrorPanel';
export type { MlopsErrorPanelProps } from './MlopsErrorPanel';
