import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type {
  MlopsClusterClients,
  MlopsLogSource,
} from '@backstage-mlops/plugin-mlops-node';
import type { Response } from 'express';
import type { LogLimits } from './readLogLimits';

/** The API server's answer for a container that has not started yet. */
function isWaitingToStart(error: unknown): boolean {
  return error instanceof Error && /is waiting to start/.test(error.message);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * What a client asked of a log.
 *
 * @internal
 */
export interface LogReadOptions {
  follow: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceTime?: string;
}

/**
 * Pipes a cluster log to an HTTP response as chunked `text/plain`: the status is
 * decided by the API server's answer (an error before any text becomes the usual
 * error response), every piece is written as it arrives (a followed log), and the
 * response ends at `limitBytes` (never more than `maxBytes`, counted here too), after
 * `maxFollowMs`, when the log ends, or when the client goes away (the cluster request
 * is aborted with it). A followed log whose container has not started yet is asked
 * for again every `waitingRetryMs` until it starts.
 *
 * @internal
 */
export class LogStreamer {
  static create(options: {
    clients: MlopsClusterClients;
    limits: LogLimits;
    logger: LoggerService;
  }): LogStreamer {
    return new LogStreamer(options.clients, options.limits, options.logger);
  }

  private constructor(
    private readonly clients: MlopsClusterClients,
    private readonly limits: LogLimits,
    private readonly logger: LoggerService,
  ) {}

  async pipe(
    res: Response,
    cluster: string,
    source: MlopsLogSource,
    options: LogReadOptions,
  ): Promise<void> {
    const limitBytes = Math.min(
      options.limitBytes ?? this.limits.maxBytes,
      this.limits.maxBytes,
    );
    const controller = new AbortController();
    const onClose = () => controller.abort();
    res.on('close', onClose);
    const timer = setTimeout(() => controller.abort(), this.limits.maxFollowMs);
    let sent = 0;
    let opened = false;
    const open = () => {
      if (opened) return;
      opened = true;
      res.status(200);
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache, no-transform');
      res.setHeader('X-Accel-Buffering', 'no');
      res.setHeader('X-Mlops-Log-Limit-Bytes', String(limitBytes));
      res.flushHeaders();
    };
    const stream = () =>
      this.clients.forCluster(cluster).streamLog({
        source,
        follow: options.follow,
        tailLines: options.tailLines,
        limitBytes,
        sinceTime: options.sinceTime,
        idleTimeoutMs: this.limits.maxFollowMs,
        signal: controller.signal,
        onOpen: open,
        onText: text => {
          const bytes = Buffer.from(text, 'utf8');
          const room = limitBytes - sent;
          if (bytes.length >= room) {
            res.write(bytes.subarray(0, room));
            sent = limitBytes;
            controller.abort();
            return;
          }
          sent += bytes.length;
          res.write(bytes);
        },
      });
    try {
      for (;;) {
        try {
          await stream();
          break;
        } catch (error) {
          if (
            !options.follow ||
            !isWaitingToStart(error) ||
            controller.signal.aborted
          ) {
            throw error;
          }
          // A followed step whose container is still being created has no log yet:
          // the answer opens empty, and the log follows once the step starts.
          open();
          await sleep(this.limits.waitingRetryMs, controller.signal);
          if (controller.signal.aborted) break;
        }
      }
    } catch (error) {
      if (!opened) {
        throw error;
      }
      // The status is sent already: break the response so the client sees it failed.
      this.logger.warn(
        `log stream of ${source.kind} ${source.namespace}/${
          source.name
        } on ${cluster} failed: ${stringifyError(error)}`,
      );
      res.destroy();
      return;
    } finally {
      clearTimeout(timer);
      res.off('close', onClose);
    }
    if (!opened) {
      // Aborted before the API server answered (the client left, or the time ran out).
      res.status(204).end();
      return;
    }
    res.end();
  }
}
