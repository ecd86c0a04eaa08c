/**
 * Type-checked readers of untrusted JSON (objects from the API server): each returns
 * the value when it has the expected type and undefined otherwise, so one malformed
 * field never drops a whole object.
 */

/** A plain object, or undefined. @internal */
export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An array, or an empty array. @internal */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string, or undefined. @internal */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, or undefined. @internal */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/** A boolean, or undefined. @internal */
export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A map of strings (labels, annotations): non-string values are dropped. @internal */
export function stringMap(value: unknown): Record<string, string> | undefined {
  const r = record(value);
  if (!r) {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) {
    if (typeof v === 'string') {
      out[k] = v;
    }
  }
  return out;
}

/** An array of strings (non-strings dropped), or undefined when absent. @internal */
export function strings(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : undefined;
}

/**
 * The object without its undefined properties (so slim objects stay small and
 * compare cleanly).
 *
 * @internal
 */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) {
      delete value[key];
    }
  }
  return value;
}

/** compact(), or undefined when nothing is left. @internal */
export function compactOrUndefined<T extends object>(value: T): T | undefined {
  const c = compact(value);
  return Object.keys(c).length ? c : undefined;
}

/** Freezes an object graph (cached objects are shared by every reader). @internal */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) {
      deepFreeze(v);
    }
  }
  return value;
}
