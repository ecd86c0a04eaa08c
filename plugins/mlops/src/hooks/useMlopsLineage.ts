import { useApi } from '@backstage/core-plugin-api';
import type { MlopsModelLineageResponse } from '@backstage-mlops/plugin-mlops-common';
import { mlopsApiRef, type MlopsEntityRef } from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';
import type { MlopsReadState } from './useMlopsTraining';
import { useReloadableAsync } from './useReloadableAsync';

/**
 * Reads the lineage of a model's served model (`GET …/lineage`), again whenever
 * `readAgainOn` changes (e.g. the health response the Health tab re-read).
 *
 * @internal
 */
export function useMlopsLineage(
  entityRef: MlopsEntityRef,
  readAgainOn?: unknown,
): MlopsReadState<MlopsModelLineageResponse> {
  const mlopsApi = useApi(mlopsApiRef);
  const refKey = entityRefKey(entityRef);
  const { loading, error, value, refresh } = useReloadableAsync(
    () => mlopsApi.getLineage(refKey),
    [mlopsApi, refKey, readAgainOn],
  );
  return { loading, error, value, refresh };
}
