import type { MlopsFreshness, MlopsNotInstalled } from './freshness';
import type { MlopsHealthCheckResult } from './healthCheck';
import type { MlopsInferenceServiceHealth } from './inferenceService';
import type { MlopsWorkbenchState } from './workbench';

/**
 * Response of the health read API for one model entity: its serving, the latest
 * health-check results of its training runs, and its workbench.
 *
 * @public
 */
export interface MlopsModelHealthResponse {
  /** The entity asked about, e.g. `component:default/anomaly-detector`. */
  entityRef: string;
  cluster: string;
  namespace: string;
  freshness: MlopsFreshness[];
  notInstalled: MlopsNotInstalled[];
  inferenceServices: MlopsInferenceServiceHealth[];
  /** At most one per task of {@link MLOPS_HEALTH_CHECK_TASKS}. */
  healthChecks: MlopsHealthCheckResult[];
  /** Absent when the model names no workbench or it does not exist. */
  workbench?: MlopsWorkbenchState;
}
