import { z } from 'zod';
import { MLOPS_RUN_STATUSES, type MlopsRunStatus } from './runStatus';

/**
 * Page size of the training lists when the query gives none.
 *
 * @public
 */
export const MLOPS_DEFAULT_PAGE_SIZE = 25;

/**
 * Largest page size of the training lists.
 *
 * @public
 */
export const MLOPS_MAX_PAGE_SIZE = 200;

const MAX_CURSOR_LENGTH = 1024;

/**
 * The query of the training read API (`?status=&limit=&cursor=`), parsed.
 *
 * @public
 */
export interface MlopsTrainingQuery {
  /** Only items in one of these statuses; absent for all. */
  status?: MlopsRunStatus[];
  /** Page size, 1–200. */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

const STATUS_BY_LOWER_CASE = new Map<string, MlopsRunStatus>(
  MLOPS_RUN_STATUSES.map(s => [s.toLowerCase(), s]),
);

function isAbsent(value: unknown): boolean {
  return (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

const statusField = z.unknown().transform((value, ctx) => {
  if (isAbsent(value)) {
    return undefined;
  }
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every(part => typeof part === 'string')) {
    ctx.addIssue({
      code: 'custom',
      message: 'status must be a comma-separated list of run statuses',
    });
    return z.NEVER;
  }
  const names = parts
    .flatMap(part => (part as string).split(','))
    .map(name => name.trim())
    .filter(name => name !== '');
  const statuses = new Set<MlopsRunStatus>();
  for (const name of names) {
    const status = STATUS_BY_LOWER_CASE.get(name.toLowerCase());
    if (!status) {
      ctx.addIssue({
        code: 'custom',
        message: `status ${JSON.stringify(
          name,
        )} is not a run status; use one of ${MLOPS_RUN_STATUSES.join(', ')}`,
      });
      return z.NEVER;
    }
    statuses.add(status);
  }
  return statuses.size > 0 ? [...statuses] : undefined;
});

const limitField = z.unknown().transform((value, ctx) => {
  if (isAbsent(value)) {
    return MLOPS_DEFAULT_PAGE_SIZE;
  }
  const text = typeof value === 'number' ? String(value) : value;
  const limit =
    typeof text === 'string' && /^\d{1,6}$/.test(text.trim())
      ? Number(text.trim())
      : NaN;
  if (!(limit >= 1 && limit <= MLOPS_MAX_PAGE_SIZE)) {
    ctx.addIssue({
      code: 'custom',
      message: `limit must be a whole number from 1 to ${MLOPS_MAX_PAGE_SIZE}, got ${JSON.stringify(
        value,
      )}`,
    });
    return z.NEVER;
  }
  return limit;
});

const cursorField = z.unknown().transform((value, ctx) => {
  if (isAbsent(value)) {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > MAX_CURSOR_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message:
        'cursor must be a single value taken from the nextCursor of a previous page',
    });
    return z.NEVER;
  }
  return value;
});

/**
 * Parses the query of the training read API: `status` (one run status or a comma list,
 * case-insensitive, may repeat), `limit` (1–200, default 25) and `cursor` (opaque).
 * Unknown parameters are ignored. Every error message starts with the parameter's name.
 *
 * @public
 */
export const mlopsTrainingQuerySchema: z.ZodType<MlopsTrainingQuery> = z
  .object({
    // optional(): a missing parameter yields undefined, which zod 4 otherwise
    // reports as a missing required value.
    status: statusField.optional(),
    limit: limitField.optional(),
    cursor: cursorField.optional(),
  })
  .transform(({ status, limit, cursor }) => {
    const query: MlopsTrainingQuery = {
      limit: limit ?? MLOPS_DEFAULT_PAGE_SIZE,
    };
    if (status) {
      query.status = status;
    }
    if (cursor !== undefined) {
      query.cursor = cursor;
    }
    return query;
  });
