import { useApi } from '@backstage/core-plugin-api';
import type { MlopsClusterSummary } from '@backstage-mlops/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/MlopsApi';

/**
 * What {@link useMlopsClusters} returns.
 *
 * @internal
 */
export interface MlopsClustersState {
  loading: boolean;
  /** Why the backend could not be asked; a `ResponseError` for HTTP errors. */
  error?: Error;
  /** The clusters the backend is configured to reach, once known. */
  clusters?: MlopsClusterSummary[];
}

/**
 * Asks the mlops backend which clusters it is configured to reach
 * (`GET /api/mlops/clusters`).
 *
 * @internal
 */
export function useMlopsClusters(): MlopsClustersState {
  const mlopsApi = useApi(mlopsApiRef);
  const { loading, error, value } = useAsync(
    () => mlopsApi.getClusters(),
    [mlopsApi],
  );
  return { loading, error, clusters: value?.clusters };
}
