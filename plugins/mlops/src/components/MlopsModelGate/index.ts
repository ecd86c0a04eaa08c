export { MlopsModelGate } from './MlopsModelGate';
export type { MlopsModelGateProps, MlopsModelView } from './MlopsModelGate';
