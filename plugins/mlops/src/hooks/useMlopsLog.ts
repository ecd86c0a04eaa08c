import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useState } from 'react';
import {
  mlopsApiRef,
  type MlopsEntityRef,
  type MlopsLogTarget,
} from '../api/MlopsApi';
import { entityRefKey } from '../lib/entityRefKey';
import { logTargetName } from '../lib/logTargetName';

/**
 * Where a log read is: `loading` until the backend answers, `streaming` while
 * text may arrive, `done` when the log (or the read) ended.
 *
 * @internal
 */
export type MlopsLogPhase = 'loading' | 'streaming' | 'done';

/**
 * What {@link useMlopsLog} returns.
 *
 * @internal
 */
export interface MlopsLogState {
  /** The text read so far. */
  text: string;
  phase: MlopsLogPhase;
  /** Why the read failed (the text read before stays). */
  error?: Error;
  /** The log was cut at the backend's byte limit. */
  truncated: boolean;
  /** The byte limit of the read, when known. */
  limitBytes?: number;
  /** Reads the log again from its start. */
  retry: () => void;
}

const INITIAL = { text: '', phase: 'loading', truncated: false } as const;

/**
 * Reads the log of a step or build of the entity, following it while `follow`
 * is set, and stops reading when the component unmounts or the target changes.
 *
 * @internal
 */
export function useMlopsLog(
  entityRef: MlopsEntityRef,
  target: MlopsLogTarget,
  options: { follow: boolean },
): MlopsLogState {
  const mlopsApi = useApi(mlopsApiRef);
  const [state, setState] = useState<Omit<MlopsLogState, 'retry'>>(INITIAL);
  const [attempt, setAttempt] = useState(0);
  const refKey = entityRefKey(entityRef);
  const targetKey = `${target.type}/${logTargetName(target)}`;
  const { follow } = options;

  useEffect(() => {
    const controller = new AbortController();
    setState(INITIAL);
    mlopsApi
      .readLog(refKey, target, {
        follow,
        signal: controller.signal,
        onOpen: () => {
          if (controller.signal.aborted) return;
          setState(s => ({ ...s, phase: 'streaming' }));
        },
        onText: text => {
          if (controller.signal.aborted) return;
          setState(s => ({ ...s, text: s.text + text, phase: 'streaming' }));
        },
      })
      .then(result => {
        if (controller.signal.aborted) return;
        setState(s => ({
          ...s,
          phase: 'done',
          truncated: result.truncated,
          limitBytes: result.limitBytes,
        }));
      })
      .catch((error: Error) => {
        if (controller.signal.aborted) return;
        setState(s => ({ ...s, phase: 'done', error }));
      });
    return () => controller.abort();
    // `target` is described by targetKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mlopsApi, refKey, targetKey, follow, attempt]);

  return { ...state, retry: () => setAttempt(a => a + 1) };
}
