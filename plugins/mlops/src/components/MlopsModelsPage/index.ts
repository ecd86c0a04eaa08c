export { MlopsModelsPage } from './MlopsModelsPage';
