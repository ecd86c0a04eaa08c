import { z } from 'zod';
import { describeMlopsSchemaError } from './schemaErrors';
import type { MlopsParamValue } from './common';

/**
 * The mutations of the mutation routes (`POST /entity/:kind/:namespace/:name/mutations/…`),
 * as named in audit events and idempotency records.
 *
 * @public
 */
export type MlopsMutationName =
  | 'run-training'
  | 'rerun-training'
  | 'cancel-training'
  | 'start-build'
  | 'validate-notebook'
  | 'restart-serving'
  | 'start-workbench'
  | 'stop-workbench';

/**
 * The HTTP header that makes a mutation request idempotent: a retried request with
 * the same key (same caller, mutation and entity) returns the first answer instead of
 * acting twice.
 *
 * @public
 */
export const MLOPS_IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * The response header set on an answer replayed for a repeated idempotency key.
 *
 * @public
 */
export const MLOPS_IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/**
 * An idempotency key: 1–128 visible ASCII characters (a UUID fits).
 *
 * @public
 */
export const mlopsIdempotencyKeySchema = z
  .string()
  .min(1, 'Idempotency-Key must not be empty')
  .max(128, 'Idempotency-Key must be at most 128 characters')
  .regex(
    /^[\x21-\x7e]+$/,
    'Idempotency-Key must consist of visible ASCII characters',
  );

/** A request body: an object with these fields only; errors name the field. */
function mutationBody<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : 'the body must be a JSON object',
  });
}

const paramValue = z.union(
  [
    z.string(),
    z.array(z.string()),
    z.record(z.string(), z.string()),
    z.boolean(),
    z.number(),
  ],
  {
    error:
      'must be a string, an array of strings, an object of strings, a boolean or a number',
  },
);

const dryRun = z.boolean({ error: 'must be true or false' }).optional();

const params = z
  .record(z.string(), paramValue, {
    error: 'must be an object of param names to values',
  })
  .optional();

/**
 * Body of `POST …/mutations/run-training`.
 *
 * @public
 */
export interface MlopsRunTrainingRequest {
  /**
   * Values of the Pipeline's params by name (strings; booleans and numbers are turned
   * into strings). `model-name` is the entity's; `inference-service-name` defaults to
   * the entity's InferenceService; others default to the Pipeline's defaults.
   */
  params?: Record<string, MlopsParamValue | boolean | number>;
  /** Validate on the cluster (server-side dry run) without creating anything. */
  dryRun?: boolean;
}

/** @public */
export const mlopsRunTrainingRequestSchema: z.ZodType<MlopsRunTrainingRequest> =
  mutationBody({ params, dryRun });

/**
 * Body of `POST …/mutations/runs/:run/rerun`: the run's params, with these changed.
 *
 * @public
 */
export type MlopsRerunTrainingRequest = MlopsRunTrainingRequest;

/** @public */
export const mlopsRerunTrainingRequestSchema = mlopsRunTrainingRequestSchema;

/**
 * Body of `POST …/mutations/runs/:run/cancel`.
 *
 * @public
 */
export interface MlopsCancelTrainingRequest {
  /** `Cancelled` (default: finally tasks do not run) or `CancelledRunFinally`. */
  mode?: 'Cancelled' | 'CancelledRunFinally';
  dryRun?: boolean;
}

/** @public */
export const mlopsCancelTrainingRequestSchema: z.ZodType<MlopsCancelTrainingRequest> =
  mutationBody({
    mode: z
      .enum(['Cancelled', 'CancelledRunFinally'], {
        error: 'must be Cancelled or CancelledRunFinally',
      })
      .optional(),
    dryRun,
  });

/**
 * Body of `POST …/mutations/validate-notebook`.
 *
 * @public
 */
export interface MlopsValidateNotebookRequest {
  /** The NotebookValidationJob to copy; default: the model's newest one. */
  from?: string;
  /** Validate this git ref (branch, tag or SHA) instead of the copied job's. */
  gitRef?: string;
  dryRun?: boolean;
}

/** @public */
export const mlopsValidateNotebookRequestSchema: z.ZodType<MlopsValidateNotebookRequest> =
  mutationBody({
    from: z
      .string({ error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(253, 'must be at most 253 characters')
      .optional(),
    gitRef: z
      .string({ error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters')
      .optional(),
    dryRun,
  });

/**
 * Body of the mutations that take nothing but `dryRun` (start build, restart serving,
 * workbench start/stop).
 *
 * @public
 */
export interface MlopsDryRunOnlyRequest {
  dryRun?: boolean;
}

/** @public */
export const mlopsDryRunOnlyRequestSchema: z.ZodType<MlopsDryRunOnlyRequest> =
  mutationBody({ dryRun });

/**
 * A cluster object a mutation created or changed.
 *
 * @public
 */
export interface MlopsChangedObjectRef {
  /** `PipelineRun`, `Build`, `NotebookValidationJob`, `InferenceService`, `Notebook`. */
  kind: string;
  namespace: string;
  /** Empty on a dry run of a create with a generated name. */
  name: string;
}

/**
 * The answer of every mutation route.
 *
 * @public
 */
export interface MlopsMutationResponse {
  /** Which mutation ran (the audit event's `meta.action`). */
  action: MlopsMutationName;
  entityRef: string;
  /** The cluster object acted on. */
  object: MlopsChangedObjectRef;
  /** Nothing was stored: the cluster only validated the request. */
  dryRun: boolean;
  /** False when the object already was in the asked state (e.g. a stopped workbench stopped again). */
  changed: boolean;
  /** The params of a created PipelineRun, as sent to the cluster. */
  params?: Array<{ name: string; value: MlopsParamValue }>;
}

/**
 * Formats the issues of a failed parse of a mutation request body as one sentence,
 * each issue prefixed with the field it is about (e.g.
 * `params.data-source must be one of synthetic, prometheus, hybrid`): the same as
 * {@link describeMlopsSchemaError}.
 *
 * @public
 */
export function describeMlopsMutationBodyError(error: {
  issues: ReadonlyArray<{ message: string; path: ReadonlyArray<PropertyKey> }>;
}): string {
  return describeMlopsSchemaError(error);
}
