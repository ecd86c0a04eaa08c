import { useApi } from '@backstage/core-plugin-api';
import type { MlopsServingDayResponse } from '@backstage-mlops/plugin-mlops-common';
import { mlopsApiRef } from '../api/MlopsApi';
import type { MlopsReadState } from './useMlopsTraining';
import { useReloadableAsync } from './useReloadableAsync';

/**
 * The last 24 hours of serving of the given models in one request
 * (`POST /serving-metrics/day`: one Prometheus query per cluster); reads nothing
 * while `entityRefs` is undefined.
 *
 * @internal
 */
export function useMlopsServingDay(
  entityRefs: string[] | undefined,
): MlopsReadState<MlopsServingDayResponse> {
  const mlopsApi = useApi(mlopsApiRef);
  const key = entityRefs === undefined ? undefined : JSON.stringify(entityRefs);
  const { loading, error, value, refresh } = useReloadableAsync(async () => {
    if (key === undefined) {
      return undefined;
    }
    return mlopsApi.getServingDay(JSON.parse(key));
  }, [mlopsApi, key]);
  return { loading: loading || key === undefined, error, value, refresh };
}
