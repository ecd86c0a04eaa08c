export { mlopsApiRef } from './MlopsApi';
export type {
  MlopsApi,
  MlopsEntityRef,
  MlopsSummaryResult,
  MlopsTrainingRequest,
} from './MlopsApi';
export { MlopsClient } from './MlopsClient';
export type { MlopsClientOptions } from './MlopsClient';
export { mlopsApiFactory } from './mlopsApiFactory';
