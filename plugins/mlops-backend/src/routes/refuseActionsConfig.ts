import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * Refuses `mlops.actions` at startup, as `mlops.live` is refused: its one key moved to
 * `mlops.mutations.idempotencyRetentionHours` when the backend's `…/actions/…` routes
 * became `…/mutations/…` ("action" is left to Backstage's scaffolder and actions
 * registry). A silently ignored key would keep answers for the default 24 h instead.
 *
 * @internal
 */
export function refuseActionsConfig(config: RootConfigService): void {
  if (config.has('mlops.actions')) {
    throw new InputError(
      `Invalid configuration: mlops.actions is no longer read; move mlops.actions.idempotencyRetentionHours to mlops.mutations.idempotencyRetentionHours and remove mlops.actions`,
    );
  }
}
