import type { LoggerService } from '@backstage/backend-plugin-api';

type JsonObject = Parameters<LoggerService['child']>[0];

/** A logger that keeps every line (level, message, meta as JSON) for assertions. */
export function capturingLogger(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  const make = (bound: JsonObject): LoggerService => {
    const log =
      (level: string) =>
      (message: string, meta?: Parameters<LoggerService['info']>[1]) =>
        lines.push(
          `${level} ${message} ${JSON.stringify({
            ...bound,
            ...(meta instanceof Error ? { error: meta.message } : meta),
          })}`,
        );
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => make({ ...bound, ...meta }),
    };
  };
  return Object.assign(make({}), { lines });
}
