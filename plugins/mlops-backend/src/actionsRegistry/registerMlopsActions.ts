import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { MlopsClusterWrites } from '@backstage-mlops/plugin-mlops-node';
import type { HealthReader } from '../services/HealthReader';
import type { LineageReader } from '../services/LineageReader';
import type { ModelAccess } from '../services/ModelAccess';
import type { ModelMutations } from '../services/ModelMutations';
import type { TrainingReader } from '../services/TrainingReader';
import { createCompareTrainingRunsAction } from './createCompareTrainingRunsAction';
import { createReadHealthAction } from './createReadHealthAction';
import { createReadModelLineageAction } from './createReadModelLineageAction';
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
  /** The served model's lineage, for `read-model-lineage`. */
  lineage: LineageReader;
  /** The authorization and audit path every mutation takes, shared with the action routes. */
  mutations: ModelMutations;
  /** The cluster side of `run-training`, shared with the action routes. */
  clusterWrites: MlopsClusterWrites;
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
  createReadModelLineageAction(options);
  createRunTrainingAction(options);
}
