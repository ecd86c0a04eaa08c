import { useApi } from '@backstage/core-plugin-api';
import type {
  MlopsServingMetricsResponse,
  MlopsServingMetricsWindow,
} from '@backstage-mlops/plugin-mlops-common';
import { mlopsApiRef, type MlopsEntityRef } from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';
import type { MlopsReadState } from './useMlopsTraining';
import { useReloadableAsync } from './useReloadableAsync';

/**
 * Reads the serving metrics of a model over a window (`GET …/serving-metrics`).
 *
 * @internal
 */
export function useMlopsServingMetrics(
  entityRef: MlopsEntityRef,
  window: MlopsServingMetricsWindow,
): MlopsReadState<MlopsServingMetricsResponse> {
  const mlopsApi = useApi(mlopsApiRef);
  const refKey = entityRefKey(entityRef);
  const { loading, error, value, refresh } = useReloadableAsync(
    () => mlopsApi.getServingMetrics(refKey, window),
    [mlopsApi, refKey, window],
  );
  return { loading, error, value, refresh };
}
