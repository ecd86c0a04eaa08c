/**
 * A detail a backend error carries under `property` for UIs: on the error itself
 * (backend), or on its cause (a frontend `ResponseError`, whose cause is the
 * deserialized backend error), up to three levels down. Undefined when none passes
 * `isDetail`. Not exported from the package.
 */
export function errorDetailOf<T>(
  error: unknown,
  property: string,
  isDetail: (value: unknown) => value is T,
): T | undefined {
  for (
    let current = error, depth = 0;
    current && typeof current === 'object' && depth < 3;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const value = (current as Record<string, unknown>)[property];
    if (isDetail(value)) return value;
  }
  return undefined;
}
