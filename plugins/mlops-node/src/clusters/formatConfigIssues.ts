import { InputError } from '@backstage/errors';
import type { z } from 'zod';
import { movedKeyMessage } from './clusterSettingsSchema';

function keyOf(base: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`,
    base,
  );
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/**
 * Turns the issues of a failed zod parse of one config entry into an `InputError`
 * whose message names every offending key (`mlops.clusters[0].caFile …`). Values are
 * never echoed: config entries hold tokens and keys.
 *
 * @internal
 */
export function configInputError(
  base: string,
  data: unknown,
  error: z.ZodError,
): InputError {
  const problems = error.issues.map(issue => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys
        .map(
          k =>
            `${keyOf(base, [...issue.path, k])} ${
              movedKeyMessage(k) ?? 'is not a known key'
            }`,
        )
        .join('; ');
    }
    const key = keyOf(base, issue.path);
    if (
      issue.code === 'invalid_type' &&
      valueAt(data, issue.path) === undefined
    ) {
      return `Missing required config value at '${key}'`;
    }
    if (issue.code === 'custom' && issue.message.startsWith('is required')) {
      return `Missing required config value at '${key}' (${issue.message.slice(
        3,
      )})`;
    }
    return `${key} ${issue.message}`;
  });
  return new InputError(
    `Invalid cluster configuration: ${problems.join('; ')}`,
  );
}
