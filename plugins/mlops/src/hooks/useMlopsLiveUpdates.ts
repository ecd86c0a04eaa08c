import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  MLOPS_ENTITY_CHANGED_CHANNEL,
  normalizeMlopsEntityRef,
  readMlopsEntityChangedSignal,
} from '@backstage-mlops/plugin-mlops-common';
import { useEffect, useRef } from 'react';
import type { MlopsEntityRef, MlopsLiveStatus } from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';

/** How often a view reads again while the app has no signals API. */
export const MLOPS_POLL_INTERVAL_MS = 15_000;

/** The ref as the signal names it; a ref that does not parse is never signalled. */
function signalRefOf(ref: string): string | undefined {
  try {
    return normalizeMlopsEntityRef(ref);
  } catch {
    return undefined;
  }
}

/**
 * Reads again whenever the backend signals that the entity's cluster objects changed
 * (Backstage Signals, channel `mlops:entity-changed`; the backend sends at most one
 * signal per entity per second), or every 15 seconds while the app has no signals
 * API. Returns which of the two it does, for the "Live" indicator.
 *
 * It subscribes through `signalApiRef` rather than `useSignal`: that hook keeps only the
 * last message in React state, and on a channel shared by every entity a message for
 * another entity arriving before the next render would hide this entity's.
 *
 * @internal
 */
export function useMlopsLiveUpdates(
  entityRef: MlopsEntityRef,
  onChange: () => void,
): MlopsLiveStatus {
  const signals = useApiHolder().get(signalApiRef);
  const refKey = signalRefOf(entityRefKey(entityRef));
  // The latest callback, without subscribing again when it changes.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!signals) {
      const timer = setInterval(
        () => onChangeRef.current(),
        MLOPS_POLL_INTERVAL_MS,
      );
      return () => clearInterval(timer);
    }
    const { unsubscribe } = signals.subscribe(
      MLOPS_ENTITY_CHANGED_CHANNEL,
      message => {
        const signal = readMlopsEntityChangedSignal(message);
        if (signal && signal.entityRef === refKey) {
          onChangeRef.current();
        }
      },
    );
    return unsubscribe;
  }, [signals, refKey]);

  return signals ? 'live' : 'polling';
}
