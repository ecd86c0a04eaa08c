import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { NoAnswerInTime } from './clusterFailureOf';

/**
 * Options of {@link followWatch}.
 *
 * @internal
 */
export interface FollowWatchOptions {
  kubeConfig: KubeConfig;
  /** The collection's path, encoded. */
  path: string;
  query: Record<string, string | number | undefined>;
  /** Until the answer starts, then between two chunks. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  onOpen?: () => void;
  /** Each event as client-node parsed it; what it throws ends the watch with that error. */
  onEvent: (type: string, object: unknown) => void;
  /** Turns a failure of client-node or undici into the error to reject with. */
  mapError: (error: unknown) => unknown;
}

/**
 * Runs a watch through client-node's `Watch` until the server ends it (resolves), the
 * signal aborts it (resolves at once; the connection closes as soon as client-node
 * hands over its AbortController) or it fails (rejects). client-node's one timeout,
 * `requestTimeoutMs`, is the idle timeout: it bounds the wait for the answer and then
 * the silence between two chunks (a hung connection). client-node ignores what its
 * callback throws; here it ends the watch.
 *
 * @internal
 */
export async function followWatch(options: FollowWatchOptions): Promise<void> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted) return;
  const watch = new Watch(options.kubeConfig);
  // The Watch's one timeout has no option: watch.d.ts declares it private, while
  // dist/watch.js sets it to 30 s in the constructor and reads it on every chunk. 30 s
  // would end every quiet watch; ours is the caller's idle timeout.
  (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs =
    idleTimeoutMs;
  const seconds = Math.round(idleTimeoutMs / 1000);

  await new Promise<void>((resolve, reject) => {
    let controller: AbortController | undefined;
    let opened = false;
    let ended = false;
    const onAbort = () => end();
    function end(error?: unknown) {
      if (ended) return;
      ended = true;
      signal?.removeEventListener('abort', onAbort);
      controller?.abort();
      if (error === undefined || signal?.aborted) resolve();
      else reject(error);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    const open = () => {
      if (opened) return;
      opened = true;
      options.onOpen?.();
    };
    const onEvent = (type: string, object: unknown) => {
      if (ended) return;
      try {
        open();
        options.onEvent(type, object);
      } catch (error) {
        end(error);
      }
    };
    const done = (error: unknown) => {
      if (ended) return;
      if (!error) {
        end();
      } else if ((error as { name?: unknown }).name === 'TimeoutError') {
        end(
          options.mapError(
            opened
              ? new NoAnswerInTime(
                  'EIDLE',
                  `the watch received nothing for ${seconds} s (hung connection)`,
                )
              : new NoAnswerInTime(
                  'ETIMEDOUT',
                  `no answer within ${seconds} s`,
                ),
          ),
        );
      } else {
        end(options.mapError(error));
      }
    };
    watch.watch(options.path, options.query, onEvent, done).then(
      c => {
        controller = c;
        if (ended) {
          c.abort();
          return;
        }
        try {
          open();
        } catch (error) {
          end(error);
        }
      },
      error => end(options.mapError(error)),
    );
  });
}
