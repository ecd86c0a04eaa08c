/** Labels on every object the cluster writes create. */
export const MLOPS_MANAGED_BY_LABELS = {
  'app.kubernetes.io/managed-by': 'backstage-mlops',
} as const;

/** The annotation the platform's manual runs carry (the seeded user runs too). */
export const MLOPS_REQUESTED_BY_ANNOTATION = 'mlops.dev/requested-by';

/** On a rerun: the run it repeats. */
export const MLOPS_RERUN_OF_ANNOTATION = 'mlops.backstage.io/rerun-of';

/** On a NotebookValidationJob created by "validate notebook": the job it copies. */
export const MLOPS_COPIED_FROM_ANNOTATION = 'mlops.backstage.io/copied-from';

/** In `spec.predictor.annotations` of an InferenceService: when it was last restarted. */
export const MLOPS_RESTARTED_AT_ANNOTATION = 'mlops.backstage.io/restarted-at';

/** On an InferenceService: who restarted it last. */
export const MLOPS_RESTARTED_BY_ANNOTATION = 'mlops.backstage.io/restarted-by';

/** Kubernetes adds 5 characters to a generateName; names stay within 63. */
const MAX_PREFIX = 57;

/**
 * A `generateName` prefix `<verb>-<model>-` that is a valid DNS-1123 label once the
 * server appends its 5 characters (the model name is a label value, which may hold
 * capitals, `_` and `.`).
 *
 * @internal
 */
export function generateNamePrefix(verb: string, modelName: string): string {
  const model = modelName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = `${verb}-${model}`.slice(0, MAX_PREFIX - 1).replace(/-+$/, '');
  return `${base}-`;
}
