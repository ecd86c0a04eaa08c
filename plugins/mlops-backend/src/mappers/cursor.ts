import { InputError } from '@backstage/errors';
import type { MlopsSortKey } from './newestFirst';

const CURSOR_VERSION = 1;

/**
 * The opaque cursor of the page after the item with this sort key: base64url of a
 * small versioned JSON object. It names a position, not an offset, so a new run
 * arriving between two requests neither repeats nor skips an item.
 *
 * @internal
 */
export function encodeCursor(key: MlopsSortKey): string {
  return Buffer.from(
    JSON.stringify({ v: CURSOR_VERSION, t: key.time, n: key.name }),
    'utf8',
  ).toString('base64url');
}

/**
 * The sort key in a cursor made by {@link encodeCursor}.
 *
 * @throws InputError naming the `cursor` parameter when it was not made by
 *   {@link encodeCursor} (edited, truncated or from another version).
 * @internal
 */
export function decodeCursor(cursor: string): MlopsSortKey {
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
      throw new Error('not base64url');
    }
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    (value as { v?: unknown }).v === CURSOR_VERSION
  ) {
    const { t, n } = value as { t?: unknown; n?: unknown };
    if (typeof t === 'number' && Number.isFinite(t) && typeof n === 'string') {
      return { time: t, name: n };
    }
  }
  throw new InputError(
    'cursor is not valid; use the nextCursor of a previous page, or leave it out for the first page',
  );
}
