import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * Refuses `mlops.live` at startup, as removed `mlops.clusters` keys are refused: the
 * stream bounds it held went with the plugin's own live-updates stream. Live updates
 * are Backstage Signals now, bounded by the signals backend.
 *
 * @internal
 */
export function refuseLiveConfig(config: RootConfigService): void {
  if (config.has('mlops.live')) {
    throw new InputError(
      `Invalid configuration: mlops.live is no longer read: live updates go through Backstage Signals (install @backstage/plugin-signals-backend, and @backstage/plugin-signals in the app), which have no settings here; remove mlops.live`,
    );
  }
}
