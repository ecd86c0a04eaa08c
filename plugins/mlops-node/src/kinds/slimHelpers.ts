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
 * A copy of the object without its undefined properties (so slim objects stay small
 * and compare cleanly). It is built anew rather than trimmed with `delete`: V8 turns
 * an object that loses a property into a hash-table ("dictionary mode") object. With
 * most slim objects missing some field, trimming cost the cache +146 MiB of heap for
 * the scale data set's 19,057 objects; built anew they take +62 MiB (2026-12-07,
 * `node --expose-gc --require @backstage/cli/config/nodeTransform.cjs
 * bench/cache-memory.ts <state.json>`, two runs each).
 *
 * @internal
 */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined) {
      out[key] = v;
    }
  }
  return out as T;
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
