export { mlopsApiRef } from './MlopsApi';
export type {
  MlopsActionRequest,
  MlopsApi,
  MlopsEntityRef,
  MlopsLiveListener,
  MlopsLiveStatus,
  MlopsLogRequest,
  MlopsLogResult,
  MlopsLogTarget,
  MlopsSummaryResult,
  MlopsTrainingRequest,
} from './MlopsApi';
export { MlopsClient } from './MlopsClient';
export type { MlopsClientOptions } from './MlopsClient';
export type { MlopsOpenLiveStream } from './MlopsLiveChannels';
export { mlopsApiFactory } from './mlopsApiFactory';
