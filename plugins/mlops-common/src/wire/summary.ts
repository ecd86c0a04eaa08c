import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import type { MlopsErrorCategory } from '../errorCategories';
import type { MlopsConditionStatus } from './common';
import type { MlopsFreshness, MlopsNotInstalled } from './freshness';
import type {
  MlopsFailingCondition,
  MlopsModelState,
} from './inferenceService';
import type { MlopsRunStatus } from './runStatus';

/**
 * Most entity refs one summary request may ask about.
 *
 * @public
 */
export const MLOPS_SUMMARY_MAX_ENTITY_REFS = 500;

/**
 * The state of one model at a glance, for the models page and the catalog table.
 *
 * @public
 */
export interface MlopsModelSummary {
  /** The entity ref as it was asked for. */
  entityRef: string;
  cluster?: string;
  namespace?: string;
  /**
   * Why nothing more is known, in words: a missing annotation, an unknown entity, an
   * unreachable cluster. The other fields are absent then.
   */
  problem?: string;
  /** The most recent training run. */
  lastTraining?: {
    name: string;
    status: MlopsRunStatus;
    startedAt?: string;
    completedAt?: string;
  };
  /** The model's InferenceService. */
  serving?: {
    name: string;
    ready: MlopsConditionStatus;
    failingCondition?: MlopsFailingCondition;
    modelState?: MlopsModelState;
  };
  /** The most recent build of the model's BuildConfig. */
  lastBuild?: {
    name: string;
    phase: string;
    /** The phase as a run status (absent from older backends). */
    status?: MlopsRunStatus;
    completedAt?: string;
  };
  /** The most recent notebook validation job. */
  lastValidation?: {
    name: string;
    phase: string;
    /** The phase as a run status (absent from older backends). */
    status?: MlopsRunStatus;
    errorCategory?: MlopsErrorCategory;
    completedAt?: string;
  };
}

/**
 * Body of the summary request: the models to summarise.
 *
 * @public
 */
export interface MlopsSummaryRequest {
  /** Entity refs, e.g. `component:default/anomaly-detector`; at most 500. */
  entityRefs: string[];
}

/**
 * Response of the summary request: one item per entity ref asked for, in order.
 *
 * @public
 */
export interface MlopsSummaryResponse {
  items: MlopsModelSummary[];
  freshness: MlopsFreshness[];
  notInstalled: MlopsNotInstalled[];
}

const validator = makeValidator();
const MAX_ENTITY_REF_LENGTH = 255;

function entityRefProblem(ref: unknown): string | undefined {
  if (typeof ref !== 'string') {
    return 'is not a string';
  }
  if (ref.length > MAX_ENTITY_REF_LENGTH) {
    return `is longer than ${MAX_ENTITY_REF_LENGTH} characters`;
  }
  let parsed;
  try {
    parsed = parseEntityRef(ref);
  } catch {
    return `${JSON.stringify(
      ref,
    )} is not an entity ref of the form kind:namespace/name`;
  }
  if (
    !validator.isValidKind(parsed.kind) ||
    !validator.isValidNamespace(parsed.namespace) ||
    !validator.isValidEntityName(parsed.name)
  ) {
    return `${JSON.stringify(
      ref,
    )} is not an entity ref of the form kind:namespace/name`;
  }
  return undefined;
}

const entityRefsField = z.unknown().transform((value, ctx) => {
  if (!Array.isArray(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'entityRefs must be an array of entity refs',
    });
    return z.NEVER;
  }
  if (value.length > MLOPS_SUMMARY_MAX_ENTITY_REFS) {
    ctx.addIssue({
      code: 'custom',
      message: `entityRefs must hold at most ${MLOPS_SUMMARY_MAX_ENTITY_REFS} entity refs, got ${value.length}`,
    });
    return z.NEVER;
  }
  let valid = true;
  value.forEach((ref, index) => {
    const problem = entityRefProblem(ref);
    if (problem) {
      valid = false;
      ctx.addIssue({
        code: 'custom',
        path: [index],
        message: `entityRefs[${index}] ${problem}`,
      });
    }
  });
  return valid ? (value as string[]) : z.NEVER;
});

/**
 * Parses the body of the summary request. Each entity ref must have a kind and a valid
 * namespace and name (`component:default/anomaly-detector`; the namespace may be left
 * out). Every error message starts with the field it is about, e.g.
 * `entityRefs[3] "x" is not an entity ref of the form kind:namespace/name`.
 *
 * @public
 */
export const mlopsSummaryRequestSchema: z.ZodType<MlopsSummaryRequest> =
  z.object(
    { entityRefs: entityRefsField },
    { error: 'the request body must be a JSON object with entityRefs' },
  );
