import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * The bounds of the live-update streams (`mlops.live.*` in app-config).
 *
 * @internal
 */
export interface LiveLimits {
  /** Streams open at once in this backend. */
  maxConnections: number;
  /** Streams one user (or service) may hold at once. */
  maxConnectionsPerUser: number;
  /** Entities one stream may watch. */
  maxEntitiesPerStream: number;
  heartbeatMs: number;
  /** A stream ends after this long; the client reconnects (and is re-authorized). */
  maxStreamMs: number;
  /** The reconnect delay sent to clients (`retry:`). */
  retryMs: number;
  /** How many recent changes are kept for clients that resume. */
  replayEvents: number;
  /** A stream whose unsent bytes exceed this is closed (a client that does not keep up). */
  maxBacklogBytes: number;
}

const DEFAULTS = {
  maxConnections: 1000,
  maxConnectionsPerUser: 20,
  maxEntitiesPerStream: 50,
  heartbeatSeconds: 15,
  maxStreamSeconds: 15 * 60,
  retrySeconds: 3,
  replayEvents: 2000,
  maxBacklogKilobytes: 1024,
};

/**
 * Reads `mlops.live` with its defaults; an `InputError` naming the key when a value
 * is not a positive number.
 *
 * @internal
 */
export function readLiveLimits(config: RootConfigService): LiveLimits {
  const read = (key: keyof typeof DEFAULTS): number => {
    const value = config.getOptionalNumber(`mlops.live.${key}`);
    if (value === undefined) return DEFAULTS[key];
    if (!(value > 0)) {
      throw new InputError(
        `mlops.live.${key} must be a positive number, got ${value}`,
      );
    }
    return value;
  };
  return {
    maxConnections: Math.floor(read('maxConnections')),
    maxConnectionsPerUser: Math.floor(read('maxConnectionsPerUser')),
    maxEntitiesPerStream: Math.floor(read('maxEntitiesPerStream')),
    heartbeatMs: read('heartbeatSeconds') * 1000,
    maxStreamMs: read('maxStreamSeconds') * 1000,
    retryMs: read('retrySeconds') * 1000,
    replayEvents: Math.floor(read('replayEvents')),
    maxBacklogBytes: read('maxBacklogKilobytes') * 1024,
  };
}
