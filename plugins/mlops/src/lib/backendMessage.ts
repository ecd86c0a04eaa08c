/**
 * The backend's own message of an error (`@backstage/errors`' `ResponseError`
 * keeps it as its cause, e.g. `params.data-source must be one of synthetic,
 * prometheus, hybrid`), or the error's message.
 *
 * @internal
 */
export function backendMessage(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) {
    return cause.message;
  }
  return error.message;
}
