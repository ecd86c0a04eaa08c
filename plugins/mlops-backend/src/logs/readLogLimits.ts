import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * The bounds of log reads (`mlops.logs.*` in app-config).
 *
 * @internal
 */
export interface LogLimits {
  /** The most bytes one response carries (and the default `limitBytes`). */
  maxBytes: number;
  /** The longest a followed log stays open; the client asks again to go on. */
  maxFollowMs: number;
  /** How often a followed log whose container has not started yet is asked for. */
  waitingRetryMs: number;
}

/**
 * Reads `mlops.logs` with its defaults (1 MiB, 10 minutes).
 *
 * @internal
 */
export function readLogLimits(config: RootConfigService): LogLimits {
  const read = (key: string, fallback: number): number => {
    const value = config.getOptionalNumber(`mlops.logs.${key}`);
    if (value === undefined) return fallback;
    if (!(value > 0)) {
      throw new InputError(
        `mlops.logs.${key} must be a positive number, got ${value}`,
      );
    }
    return value;
  };
  return {
    maxBytes: Math.floor(read('maxKilobytes', 1024) * 1024),
    maxFollowMs: read('maxFollowSeconds', 600) * 1000,
    waitingRetryMs: 1000,
  };
}
