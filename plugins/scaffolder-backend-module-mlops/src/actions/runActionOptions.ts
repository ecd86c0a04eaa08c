import type {
  MlopsClusterClients,
  MlopsClusterRegistry,
} from '@backstage-mlops/plugin-mlops-node';

/**
 * What the actions that start runs need (`mlops:training:run`,
 * `mlops:notebook:validate`, `mlops:build:start`).
 *
 * @public
 */
export interface RunActionOptions {
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
