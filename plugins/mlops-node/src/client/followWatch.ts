import { ServiceUnavailableError } from '@backstage/errors';
import type { KubeConfig } from '@kubernetes/client-node';
import { followTextStream } from './followTextStream';

/**
 * Options of {@link followWatch}.
 *
 * @internal
 */
export interface FollowWatchOptions {
  kubeConfig: KubeConfig;
  /** The cluster's name, for the message about a line that is not an event. */
  cluster: string;
  /** The collection's path, encoded. */
  path: string;
  query: Record<string, string | number | undefined>;
  /** Until the answer starts. */
  connectTimeoutMs: number;
  /** Between two chunks, once it has started (a hung connection). */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  onOpen?: () => void;
  /** Each event in order; what it throws ends the watch with that error. */
  onEvent: (type: unknown, object: unknown) => void;
  /** Turns a failure (an `ApiException` for a refusal) into the error to reject with. */
  mapError: (error: unknown) => unknown;
}

/**
 * Runs a watch until the server ends it (resolves), the signal aborts it (resolves) or
 * it fails (rejects): the stream of {@link followTextStream} (client-node's request context,
 * credentials and fetch) read as one JSON event per line.
 *
 * Not client-node's `Watch`: in 2.0.1 (`dist/watch.js`) its inactivity timeout is 30 s
 * and cannot be set (`watch.d.ts` declares it private), which ends every quiet watch
 * (the API server sends a bookmark about once a minute); it also drops the API
 * server's message of a refusal and ignores a line that is not JSON.
 *
 * @internal
 */
export async function followWatch(options: FollowWatchOptions): Promise<void> {
  let pending = '';
  const onLine = (line: string) => {
    if (!line.trim()) return;
    let event: { type?: unknown; object?: unknown };
    try {
      event = JSON.parse(line);
    } catch {
      throw new ServiceUnavailableError(
        `cluster ${options.cluster} sent a watch event that is not a Kubernetes watch event`,
      );
    }
    options.onEvent(event?.type, event?.object);
  };
  await followTextStream({
    kubeConfig: options.kubeConfig,
    request: {
      method: 'GET',
      path: options.path,
      query: { ...options.query, watch: 'true' },
    },
    connectTimeoutMs: options.connectTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    signal: options.signal,
    what: 'watch',
    onOpen: options.onOpen,
    onText: text => {
      pending += text;
      let end = pending.indexOf('\n');
      while (end >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        onLine(line);
        end = pending.indexOf('\n');
      }
    },
    mapError: options.mapError,
  });
  // Ended by the server: a last line without its newline is still an event. Stopped
  // by the signal: a line cut short is not looked at.
  if (!options.signal?.aborted) {
    onLine(pending);
  }
}
