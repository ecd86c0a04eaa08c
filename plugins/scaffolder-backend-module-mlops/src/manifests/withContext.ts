import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
  ServiceUnavailableError,
  assertError,
} from '@backstage/errors';

/**
 * The same kind of `@backstage/errors` error with a prefix naming where it happened
 * (file, document, object), the original as cause.
 *
 * @public
 */
export function withContext(error: unknown, prefix: string): Error {
  assertError(error);
  const message = `${prefix}: ${error.message}`;
  if (error instanceof InputError) return new InputError(message, error);
  if (error instanceof NotAllowedError)
    return new NotAllowedError(message, error);
  if (error instanceof NotFoundError) return new NotFoundError(message, error);
  if (error instanceof ConflictError) return new ConflictError(message, error);
  return new ServiceUnavailableError(message, error);
}
