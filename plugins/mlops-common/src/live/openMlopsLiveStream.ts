import type {
  MlopsLiveChange,
  MlopsLiveReady,
  MlopsLiveResync,
} from '../wire/live';
import { MlopsSseParser } from './MlopsSseParser';

/**
 * Options of {@link openMlopsLiveStream}.
 *
 * @public
 */
export interface MlopsLiveStreamOptions {
  /** The Backstage `fetchApi.fetch` (it adds the user's token). */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** The mlops backend's base URL, from `discoveryApi.getBaseUrl('mlops')`. */
  baseUrl: string;
  /** The entities whose objects the page shows. */
  entityRefs: string[];
  /** The stream is open; reload the lists unless `ready.resumed`. */
  onReady?: (ready: MlopsLiveReady) => void;
  /** An object of a watched entity changed: merge `change.item` by `change.name`. */
  onChange: (change: MlopsLiveChange) => void;
  /** Changes were missed: reload the lists. */
  onResync?: (resync: MlopsLiveResync) => void;
  /**
   * Called while the stream cannot be opened (the backend refuses more streams, a
   * proxy does not pass them, the network is down): once at once, then every
   * `pollIntervalMs`, until the stream opens again. Reload the lists here.
   */
  onPoll?: () => void;
  /** Called when the stream cannot be used at all (400, 401, 403, 404); it stops. */
  onError?: (error: Error) => void;
  /** Default 15 s. */
  pollIntervalMs?: number;
  /** The longest wait between attempts to reopen the stream; default 60 s. */
  maxBackoffMs?: number;
}

/**
 * A live-updates stream of the given entities, read over `fetch` (so the Backstage
 * token goes in the `Authorization` header, which `EventSource` cannot set), that
 * reconnects with `Last-Event-ID` after the server's `retry:` delay and degrades to
 * polling only while the stream cannot be opened. Returns the function that closes it.
 *
 * @public
 */
export function openMlopsLiveStream(
  options: MlopsLiveStreamOptions,
): () => void {
  const controller = new AbortController();
  const pollIntervalMs = options.pollIntervalMs ?? 15_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/live`);
  options.entityRefs.forEach(ref => url.searchParams.append('entity', ref));
  let lastEventId: string | undefined;
  let retryMs = 3000;
  let pollTimer: ReturnType<typeof setInterval> | undefined;

  const wait = (ms: number) =>
    new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  const startPolling = () => {
    if (pollTimer === undefined && options.onPoll) {
      options.onPoll();
      pollTimer = setInterval(() => options.onPoll?.(), pollIntervalMs);
    }
  };
  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
  };

  const dispatch = (event: string, data: string) => {
    if (event === 'ready') options.onReady?.(JSON.parse(data));
    else if (event === 'change') options.onChange(JSON.parse(data));
    else if (event === 'resync') options.onResync?.(JSON.parse(data));
  };

  /** One connection; resolves when it ends, with whether it had opened. */
  const connect = async (): Promise<'opened' | 'failed' | 'fatal'> => {
    let res: Response;
    try {
      res = await options.fetch(url.toString(), {
        headers: {
          accept: 'text/event-stream',
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
        signal: controller.signal,
      });
    } catch {
      return 'failed';
    }
    if (!res.ok || !res.body) {
      if ([400, 401, 403, 404].includes(res.status)) {
        options.onError?.(
          new Error(`live updates refused: HTTP ${res.status}`),
        );
        return 'fatal';
      }
      return 'failed';
    }
    stopPolling();
    const parser = new MlopsSseParser(m => dispatch(m.event, m.data));
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
        lastEventId = parser.lastEventId ?? lastEventId;
      }
    } catch {
      // the connection broke: reconnect below
    }
    retryMs = parser.retryMs ?? retryMs;
    return 'opened';
  };

  (async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      const outcome = await connect();
      if (outcome === 'fatal' || controller.signal.aborted) break;
      if (outcome === 'opened') {
        failures = 0;
        await wait(retryMs);
      } else {
        failures++;
        startPolling();
        await wait(Math.min(maxBackoffMs, retryMs * 2 ** (failures - 1)));
      }
    }
    stopPolling();
  })();

  return () => {
    controller.abort();
    stopPolling();
  };
}
