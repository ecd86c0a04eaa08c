import type {
  MlopsClusterClients,
  MlopsClusterRegistry,
} from '@backstage-mlops/plugin-mlops-node';
import type { InitiatorAccessOptions } from '../runs/initiatorAccess';

/**
 * What the actions that start runs need (`mlops:training:run`,
 * `mlops:notebook:validate`, `mlops:build:start`). With an `entityRef` input, the user
 * who started the task must hold the same mlops permission on that model as the
 * portal's button for the same act (see {@link InitiatorAccessOptions}).
 *
 * @public
 */
export interface RunActionOptions extends InitiatorAccessOptions {
  /** The configured clusters (`mlopsClusterRegistryServiceRef`). */
  clusters: MlopsClusterRegistry;
  /** The clients with the scaffolder identity (`mlopsScaffolderClusterClientsServiceRef`). */
  clients: MlopsClusterClients;
  /** The portal's `app.baseUrl`, for the link to the model's Training tab. */
  appBaseUrl: string;
  /** How often a waiting step reads the run (default {@link DEFAULT_POLL_INTERVAL_MS}). */
  pollIntervalMs?: number;
}

/**
 * How often a waiting step reads the run by default: every 5 seconds.
 *
 * @public
 */
export const DEFAULT_POLL_INTERVAL_MS = 5000;
