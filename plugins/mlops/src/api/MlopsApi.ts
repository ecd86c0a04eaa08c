import { createApiRef } from '@backstage/core-plugin-api';
import type { MlopsBackendStatusResponse } from '@backstage-mlops/plugin-mlops-common';

/**
 * The browser-side client of the mlops backend plugin (`/api/mlops`).
 *
 * @remarks
 * Every call goes through the backend; the browser never talks to a cluster.
 * Implementations throw a `ResponseError` from `@backstage/errors` when the
 * backend answers with an error status.
 *
 * @public
 */
export interface MlopsApi {
  /**
   * Checks that the backend plugin is up and lists the clusters it is
   * configured to reach (`GET /api/mlops/health`).
   */
  getHealth(): Promise<MlopsBackendStatusResponse>;
}

/**
 * Reference to the {@link MlopsApi}, provided by the mlops plugin in both
 * frontend systems.
 *
 * @public
 */
export const mlopsApiRef = createApiRef<MlopsApi>({
  id: 'plugin.mlops.api',
});
