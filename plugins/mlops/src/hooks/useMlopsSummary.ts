import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef, type MlopsSummaryResult } from '../api/MlopsApi';
import type { MlopsReadState } from './useMlopsTraining';
import { useReloadableAsync } from './useReloadableAsync';

/**
 * Summarises the given models in one request (`POST /summary`); reads nothing
 * while `entityRefs` is undefined (e.g. while the catalog is still loading).
 *
 * @internal
 */
export function useMlopsSummary(
  entityRefs: string[] | undefined,
): MlopsReadState<MlopsSummaryResult> {
  const mlopsApi = useApi(mlopsApiRef);
  const key = entityRefs === undefined ? undefined : JSON.stringify(entityRefs);
  const { loading, error, value, refresh } = useReloadableAsync(async () => {
    if (key === undefined) {
      return undefined;
    }
    return mlopsApi.getSummary(JSON.parse(key));
  }, [mlopsApi, key]);
  return {
    loading: loading || key === undefined,
    error,
    value,
    refresh,
  };
}
