import { useApi } from '@backstage/core-plugin-api';
import type { MlopsServingDiagnosisResponse } from '@backstage-mlops/plugin-mlops-common';
import { mlopsApiRef, type MlopsEntityRef } from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';
import type { MlopsReadState } from './useMlopsTraining';
import { useReloadableAsync } from './useReloadableAsync';

/**
 * Reads the serving diagnosis of a model (`GET …/health/diagnosis`).
 *
 * @internal
 */
export function useMlopsServingDiagnosis(
  entityRef: MlopsEntityRef,
): MlopsReadState<MlopsServingDiagnosisResponse> {
  const mlopsApi = useApi(mlopsApiRef);
  const refKey = entityRefKey(entityRef);
  const { loading, error, value, refresh } = useReloadableAsync(
    () => mlopsApi.getServingDiagnosis(refKey),
    [mlopsApi, refKey],
  );
  return { loading, error, value, refresh };
}
