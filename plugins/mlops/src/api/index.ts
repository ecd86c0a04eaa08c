export { mlopsApiRef } from './MlopsApi';
export type {
  MlopsMutationRequest,
  MlopsApi,
  MlopsEntityRef,
  MlopsLiveStatus,
  MlopsLogRequest,
  MlopsLogResult,
  MlopsLogTarget,
  MlopsSummaryResult,
  MlopsTrainingRequest,
} from './MlopsApi';
export { MlopsClient } from './MlopsClient';
export type { MlopsClientOptions } from './MlopsClient';
export { mlopsApiFactory } from './mlopsApiFactory';
