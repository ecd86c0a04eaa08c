import { InputError } from '@backstage/errors';
import { describeMlopsSchemaError } from '@backstage-mlops/plugin-mlops-common';
import type { ZodType } from 'zod';

/**
 * Parses request input with a zod schema; an `InputError` naming every bad field
 * otherwise (a 400, never a 500 for a user's mistake).
 *
 * @internal
 */
export function parseInput<T>(
  schema: ZodType<T>,
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `invalid ${what}: ${describeMlopsSchemaError(parsed.error)}`,
    );
  }
  return parsed.data;
}
