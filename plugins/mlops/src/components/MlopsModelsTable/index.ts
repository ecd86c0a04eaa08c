export { MlopsModelsTable } from './MlopsModelsTable';
