import {
  MLOPS_ANNOTATION_TRIGGERED_BY,
  MLOPS_MODEL_NAME_LABEL,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsKubernetesObject } from '../client/types';
import {
  MLOPS_COPIED_FROM_ANNOTATION,
  MLOPS_MANAGED_BY_LABELS,
  generateNamePrefix,
} from './writeMetadata';

/**
 * What {@link buildValidationJob} needs.
 *
 * @internal
 */
export interface ValidationJobSpec {
  namespace: string;
  modelName: string;
  /** The spec to copy (an earlier job's, or a template's). */
  sourceSpec: Record<string, unknown>;
  /** The job the spec comes from, if any. */
  copiedFrom?: string;
  /** Replaces `spec.notebook.git.ref`. */
  gitRef?: string;
  triggeredBy: string;
}

/**
 * A new NotebookValidationJob (`mlops.mlops.dev/v1alpha1`) with a copy of another's
 * spec: NVJs are one-shot (a finished one never runs again), so validating again
 * means a new object. Only the spec is copied, never the status, labels or
 * annotations of the source; the copy gets the `model-name` label and who asked.
 *
 * @internal
 */
export function buildValidationJob(
  spec: ValidationJobSpec,
): MlopsKubernetesObject {
  const copy = structuredClone(spec.sourceSpec);
  if (spec.gitRef) {
    const notebook = (copy.notebook ?? {}) as Record<string, unknown>;
    const git = (notebook.git ?? {}) as Record<string, unknown>;
    copy.notebook = { ...notebook, git: { ...git, ref: spec.gitRef } };
  }
  const annotations: Record<string, string> = {
    [MLOPS_ANNOTATION_TRIGGERED_BY]: spec.triggeredBy,
  };
  if (spec.copiedFrom) {
    annotations[MLOPS_COPIED_FROM_ANNOTATION] = spec.copiedFrom;
  }
  return {
    apiVersion: 'mlops.mlops.dev/v1alpha1',
    kind: 'NotebookValidationJob',
    metadata: {
      generateName: generateNamePrefix('validate', spec.modelName),
      namespace: spec.namespace,
      labels: {
        [MLOPS_MODEL_NAME_LABEL]: spec.modelName,
        ...MLOPS_MANAGED_BY_LABELS,
      },
      annotations,
    },
    spec: copy,
  };
}
