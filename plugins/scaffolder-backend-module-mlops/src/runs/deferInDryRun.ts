import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';

/**
 * In a dry run, what a missing Pipeline, job or BuildConfig becomes: a warning and
 * `undefined` (the step is deferred, not checked), because in a dry run of a whole
 * template the steps before this one (`mlops:manifests:apply`) stored nothing, so the
 * object they would create cannot exist yet. Any other error is rethrown.
 *
 * @internal
 */
export function deferInDryRun(
  error: unknown,
  logger: LoggerService,
): undefined {
  if (error instanceof NotFoundError) {
    logger.warn(
      `dry run: ${error.message}; deferred, not checked (in a dry run of a template, the objects the steps before create are not stored)`,
    );
    return undefined;
  }
  throw error;
}
