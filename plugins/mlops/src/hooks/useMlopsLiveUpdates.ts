import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useRef, useState } from 'react';
import {
  mlopsApiRef,
  type MlopsEntityRef,
  type MlopsLiveStatus,
} from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';

/** Changes that arrive together (a run and its TaskRuns) cause one read. */
const SETTLE_MS = 250;

/**
 * Reads again whenever an object of the entity changes on the cluster, through the
 * entity's shared live-updates stream (polling only while it cannot be opened).
 * Bursts of changes within a quarter second cause one read. Returns the
 * channel's state, for a "live" indicator.
 *
 * @internal
 */
export function useMlopsLiveUpdates(
  entityRef: MlopsEntityRef,
  onChange: () => void,
): MlopsLiveStatus {
  const mlopsApi = useApi(mlopsApiRef);
  const refKey = entityRefKey(entityRef);
  const [status, setStatus] = useState<MlopsLiveStatus>('connecting');
  // The latest callback, without reopening the stream when it changes.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = mlopsApi.subscribeToChanges(refKey, {
      onChange: () => {
        if (timer === undefined) {
          timer = setTimeout(() => {
            timer = undefined;
            onChangeRef.current();
          }, SETTLE_MS);
        }
      },
      onStatus: setStatus,
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [mlopsApi, refKey]);

  return status;
}
