import { ForwardedError } from '@backstage/errors';
import type { MlopsLogResult } from './MlopsApi';

/**
 * The header in which the backend says how many bytes a log response carries at
 * most (`limitBytes`, capped at `mlops.logs.maxKilobytes`).
 *
 * @internal
 */
export const MLOPS_LOG_LIMIT_HEADER = 'X-Mlops-Log-Limit-Bytes';

function limitOf(response: Response, asked?: number): number | undefined {
  const said = Number(response.headers.get(MLOPS_LOG_LIMIT_HEADER));
  return Number.isSafeInteger(said) && said > 0 ? said : asked;
}

/**
 * Reads the body of a successful log response piece by piece, decoding UTF-8
 * across chunk borders, until it ends or `signal` aborts (then the stream is
 * cancelled, so the backend closes its cluster request too). A body that breaks
 * off is an error that says so; the text handed out before stays valid.
 *
 * @internal
 */
export async function readLogBody(
  response: Response,
  options: {
    onText: (text: string) => void;
    signal?: AbortSignal;
    askedLimitBytes?: number;
  },
): Promise<MlopsLogResult> {
  const { onText, signal } = options;
  const limitBytes = limitOf(response, options.askedLimitBytes);
  const result = (bytes: number): MlopsLogResult => ({
    bytes,
    limitBytes,
    truncated: limitBytes !== undefined && bytes >= limitBytes,
    aborted: signal?.aborted ?? false,
  });
  if (!response.body) {
    return result(0);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const stop = () => {
    reader.cancel().catch(() => {});
  };
  signal?.addEventListener('abort', stop, { once: true });
  let bytes = 0;
  try {
    if (signal?.aborted) {
      stop();
      return result(0);
    }
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      const text = decoder.decode(value, { stream: true });
      if (text) onText(text);
    }
    const rest = decoder.decode();
    if (rest) onText(rest);
  } catch (error) {
    if (signal?.aborted) {
      return result(bytes);
    }
    throw new ForwardedError(`The log broke off after ${bytes} bytes`, error);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return result(bytes);
}
