import { useApi } from '@backstage/core-plugin-api';
import type { MlopsTrainingResponse } from '@backstage-mlops/plugin-mlops-common';
import {
  mlopsApiRef,
  type MlopsEntityRef,
  type MlopsTrainingRequest,
} from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';
import { useReloadableAsync } from './useReloadableAsync';

/**
 * What a read hook of the mlops API returns.
 *
 * @internal
 */
export interface MlopsReadState<T> {
  /** True while a request is under way; `value` keeps the previous answer meanwhile. */
  loading: boolean;
  /** Why the last request failed; a `ResponseError` for HTTP errors. */
  error?: Error;
  value?: T;
  /** Reads again, keeping the current value on screen (for a refresh button or live updates). */
  refresh: () => void;
}

/**
 * Reads a page of an entity's training runs, with its validation jobs and builds
 * (`GET …/training`). Pass `undefined` as the request to skip reading.
 *
 * @internal
 */
export function useMlopsTraining(
  entityRef: MlopsEntityRef,
  request: MlopsTrainingRequest | undefined,
): MlopsReadState<MlopsTrainingResponse> {
  const mlopsApi = useApi(mlopsApiRef);
  const refKey = entityRefKey(entityRef);
  const requestKey =
    request === undefined ? undefined : JSON.stringify(request);
  const { loading, error, value, refresh } = useReloadableAsync(async () => {
    if (requestKey === undefined) {
      return undefined;
    }
    return mlopsApi.getTraining(refKey, JSON.parse(requestKey));
  }, [mlopsApi, refKey, requestKey]);
  return { loading, error, value, refresh };
}
