/**
 * The mlops frontend plugin: the ML Models page and the Training and Health
 * tabs of `ml-model` entities.
 *
 * The named exports are for the legacy frontend system; the default export is
 * the new frontend system's plugin, which apps with `app.packages: all` pick
 * up on their own.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  mlopsPlugin,
  EntityMlopsTrainingContent,
  EntityMlopsHealthContent,
  MlopsModelsPage,
} from './plugin';
export { mlopsApiRef, MlopsClient } from './api';
export type { MlopsApi, MlopsClientOptions } from './api';
export {
  isMlModelEntity,
  isMlopsAvailable,
} from '@backstage-mlops/plugin-mlops-common';
