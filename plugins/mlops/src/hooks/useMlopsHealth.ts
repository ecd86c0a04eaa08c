import { useApi } from '@backstage/core-plugin-api';
import type { MlopsModelHealthResponse } from '@backstage-mlops/plugin-mlops-common';
import { mlopsApiRef, type MlopsEntityRef } from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';
import type { MlopsReadState } from './useMlopsTraining';
import { useReloadableAsync } from './useReloadableAsync';

/**
 * Reads the serving health of a model (`GET …/health`).
 *
 * @internal
 */
export function useMlopsHealth(
  entityRef: MlopsEntityRef,
): MlopsReadState<MlopsModelHealthResponse> {
  const mlopsApi = useApi(mlopsApiRef);
  const refKey = entityRefKey(entityRef);
  const { loading, error, value, refresh } = useReloadableAsync(
    () => mlopsApi.getHealth(refKey),
    [mlopsApi, refKey],
  );
  return { loading, error, value, refresh };
}
