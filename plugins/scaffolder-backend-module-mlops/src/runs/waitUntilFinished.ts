import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';

/**
 * What one look at a run (PipelineRun, NotebookValidationJob, Build) showed.
 *
 * @internal
 */
export interface RunObservation {
  /** Its status or phase, e.g. `Running`, `Succeeded`, `Complete`. */
  status: string;
  /** True once it will not change any more. */
  finished: boolean;
  /** The controller's reason or message, for the log and errors. */
  detail?: string;
}

/**
 * What {@link waitUntilFinished} needs.
 *
 * @internal
 */
export interface WaitUntilFinishedOptions {
  /** The run, as messages name it, e.g. `PipelineRun ml/train-x-abcde on cluster dev`. */
  what: string;
  /** Reads the run once (with the scaffolder identity's client). */
  observe: () => Promise<RunObservation>;
  timeoutSeconds: number;
  pollIntervalMs: number;
  logger: LoggerService;
  /** The task's abort signal: a cancelled task stops waiting. */
  signal?: AbortSignal;
  /** A "still running" line at least this often without a change (default 30 s). */
  heartbeatMs?: number;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}

function describe(o: RunObservation): string {
  return o.detail ? `${o.status} (${o.detail})` : o.status;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/**
 * Polls a run until it finishes, logging each change of status (and a line every
 * `heartbeatMs` while nothing changes) with the elapsed time. Returns the last
 * observation; a run still unfinished after `timeoutSeconds` is a
 * `ServiceUnavailableError` naming it and its last status (the run itself goes on).
 * A cluster that does not answer for a moment is retried until the timeout.
 *
 * @internal
 */
export async function waitUntilFinished(
  options: WaitUntilFinishedOptions,
): Promise<RunObservation & { elapsedMs: number }> {
  const { what, observe, logger, signal } = options;
  const timeoutMs = options.timeoutSeconds * 1000;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const started = Date.now();
  let last: RunObservation | undefined;
  let lastLine = started;
  let unreadable: string | undefined;
  logger.info(
    `waiting for ${what} to finish (at most ${options.timeoutSeconds}s)`,
  );
  for (;;) {
    if (signal?.aborted) {
      throw new ConflictError(
        `stopped waiting for ${what}: the task was cancelled; last status ${
          last ? describe(last) : 'unknown'
        }`,
      );
    }
    let seen: RunObservation | undefined;
    try {
      seen = await observe();
      unreadable = undefined;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      unreadable = error.message;
      logger.warn(`could not read ${what}, retrying: ${error.message}`);
    }
    const now = Date.now();
    const elapsed = now - started;
    if (seen) {
      if (!last || seen.status !== last.status || seen.detail !== last.detail) {
        logger.info(`${what}: ${describe(seen)} after ${seconds(elapsed)}`);
        lastLine = now;
      } else if (now - lastLine >= heartbeatMs) {
        logger.info(`${what}: still ${seen.status} after ${seconds(elapsed)}`);
        lastLine = now;
      }
      last = seen;
      if (seen.finished) {
        return { ...seen, elapsedMs: elapsed };
      }
    }
    if (elapsed >= timeoutMs) {
      throw new ServiceUnavailableError(
        `gave up waiting for ${what} after ${
          options.timeoutSeconds
        }s: its last status was ${last ? describe(last) : 'unknown'}${
          unreadable ? ` (the last read failed: ${unreadable})` : ''
        }; it goes on on the cluster (raise timeoutSeconds to wait longer)`,
      );
    }
    await sleep(Math.min(options.pollIntervalMs, timeoutMs - elapsed), signal);
  }
}
