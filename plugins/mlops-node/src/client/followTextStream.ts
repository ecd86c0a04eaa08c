import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { NoAnswerInTime } from './clusterFailureOf';
import { sendToCluster, type ClusterRequest } from './sendToCluster';

/**
 * Options of {@link followTextStream}.
 *
 * @internal
 */
export interface FollowTextStreamOptions {
  kubeConfig: KubeConfig;
  request: ClusterRequest;
  /** Until the answer starts. */
  connectTimeoutMs: number;
  /** Between two chunks, once it has started. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** What the idle timeout's message calls the stream (default `log stream`). */
  what?: string;
  onOpen?: () => void;
  onText: (text: string) => void;
  /** Turns a failure (an `ApiException` for a refusal) into the error to reject with. */
  mapError: (error: unknown) => unknown;
}

/**
 * Streams a log (a pod's or an OpenShift Build's, or a watch's lines) as text until the API server ends it
 * (resolves), the signal aborts it (resolves) or it fails (rejects: a refusal before
 * `onOpen` as an `ApiException` with the API server's Status, a broken or hung
 * connection, or what `onOpen`/`onText` threw).
 *
 * @internal
 */
export async function followTextStream(
  options: FollowTextStreamOptions,
): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number, reason: NoAnswerInTime) => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(reason), ms);
  };
  arm(
    options.connectTimeoutMs,
    new NoAnswerInTime(
      'ETIMEDOUT',
      `no answer within ${Math.round(options.connectTimeoutMs / 1000)} s`,
    ),
  );
  const idle = new NoAnswerInTime(
    'EIDLE',
    `the ${options.what ?? 'log stream'} received nothing for ${Math.round(
      options.idleTimeoutMs / 1000,
    )} s (hung connection)`,
  );
  try {
    const res = await sendToCluster(
      options.kubeConfig,
      options.request,
      controller.signal,
    );
    if (res.httpStatusCode !== 200) {
      throw new ApiException(
        res.httpStatusCode,
        'request refused',
        await res.body.text(),
        res.headers,
      );
    }
    arm(options.idleTimeoutMs, idle);
    options.onOpen?.();
    const stream = res.body.stream();
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of stream ?? []) {
      arm(options.idleTimeoutMs, idle);
      const text = decoder.decode(chunk, { stream: true });
      if (text) options.onText(text);
    }
    const rest = decoder.decode();
    if (rest) options.onText(rest);
  } catch (error) {
    if (signal?.aborted) return;
    const reason: unknown = controller.signal.reason;
    throw options.mapError(reason instanceof NoAnswerInTime ? reason : error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}
