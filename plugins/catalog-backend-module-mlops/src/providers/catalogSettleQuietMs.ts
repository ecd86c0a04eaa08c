import { type Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** How often the catalog's processing loop looks for new work when it has none. */
const CATALOG_PROCESSING_POLL_MS = 1000;
const STITCHING_POLL_KEY = 'catalog.stitchingStrategy.pollingInterval';
const DEFAULT_STITCHING_POLL_MS = 1000;

/**
 * How long the catalog must show no change at start before the hand-written entities
 * count as ingested: one step of ingesting a location (the processing loop picking up
 * what the previous step emitted) can take the loop's poll interval plus the
 * stitcher's (`catalog.stitchingStrategy.pollingInterval`, default 1 s) before it is
 * readable. 2 s with the defaults, 1.2 s with the demo's 200 ms stitcher.
 *
 * @internal
 */
export function catalogSettleQuietMs(config: Config): number {
  return CATALOG_PROCESSING_POLL_MS + stitchingPollMs(config);
}

function stitchingPollMs(config: Config): number {
  if (!config.has(STITCHING_POLL_KEY)) return DEFAULT_STITCHING_POLL_MS;
  try {
    return durationToMilliseconds(
      readDurationFromConfig(config, { key: STITCHING_POLL_KEY }),
    );
  } catch (error) {
    throw new InputError(
      `${STITCHING_POLL_KEY} is not a duration: ${(error as Error).message}`,
    );
  }
}
