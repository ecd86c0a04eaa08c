import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { MlopsClusterActions } from '@backstage-mlops/plugin-mlops-node';
import type { HealthReader } from '../services/HealthReader';
import type { ModelAccess } from '../services/ModelAccess';
import type { TrainingReader } from '../services/TrainingReader';
import { createCompareTrainingRunsAction } from './createCompareTrainingRunsAction';
import { createReadHealthAction } from './createReadHealthAction';
import { createReadModelMetricsAction } from './createReadModelMetricsAction';
import { createReadTrainingAction } from './createReadTrainingAction';
import { createRunTrainingAction } from './createRunTrainingAction';

/**
 * What the mlops actions need; an action that changes the cluster adds its service
 * here (e.g. the training runner for `run-training`).
 *
 * @internal
 */
export interface MlopsActionsOptions {
  actionsRegistry: ActionsRegistryService;
  access: ModelAccess;
  training: TrainingReader;
  health: HealthReader;
  permissions: PermissionsService;
  /** The cluster side of `run-training`, shared with the action routes. */
  clusterActions: MlopsClusterActions;
}

/**
 * Registers the mlops actions in Backstage's actions registry (ids `mlops:<name>`),
 * for AI agents and MCP clients of the portal. Each action runs with the caller's
 * credentials, under the same permissions as the matching route. One file per action
 * (`create<Name>Action.ts`); add new ones here.
 *
 * @internal
 */
export function registerMlopsActions(options: MlopsActionsOptions): void {
  createReadTrainingAction(options);
  createReadHealthAction(options);
  createReadModelMetricsAction(options);
  createCompareTrainingRunsAction(options);
  createRunTrainingAction(options);
}
