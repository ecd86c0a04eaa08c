import {
  MLOPS_ANNOTATION_TRIGGERED_BY,
  MLOPS_MODEL_NAME_LABEL,
  MLOPS_TRIGGERED_BY_LABEL,
  type MlopsParamValue,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsKubernetesObject } from '../client/types';
import {
  MLOPS_MANAGED_BY_LABELS,
  MLOPS_REQUESTED_BY_ANNOTATION,
  MLOPS_RERUN_OF_ANNOTATION,
  generateNamePrefix,
} from './writeMetadata';

/** ADR-053's defaults, used when the model has no earlier run to copy them from. */
export const DEFAULT_TRAINING_SERVICE_ACCOUNT = 'pipeline';
export const DEFAULT_TRAINING_TIMEOUT = '1h0m0s';
export const DEFAULT_WORKSPACE_CLAIMS: Record<string, string> = {
  'model-storage': 'model-storage-pvc',
};

/**
 * A workspace binding of a PipelineRun (`spec.workspaces[]`), kept as the cluster has it.
 *
 * @internal
 */
export type WorkspaceBinding = { name: string } & Record<string, unknown>;

/**
 * What {@link buildTrainingPipelineRun} needs.
 *
 * @internal
 */
export interface TrainingPipelineRunSpec {
  namespace: string;
  pipeline: string;
  modelName: string;
  params: Array<{ name: string; value: MlopsParamValue }>;
  workspaces: WorkspaceBinding[];
  serviceAccountName: string;
  /** A Go duration for `spec.timeouts.pipeline`. */
  timeout: string;
  triggeredBy: string;
  /** The run this one repeats. */
  rerunOf?: string;
}

/**
 * The workspace bindings of a new run: for each workspace the Pipeline declares, the
 * binding of the model's previous run, else ADR-053's PVC (`model-storage` →
 * `model-storage-pvc`); an optional workspace without either is left out. Returns
 * the names of required workspaces it cannot bind.
 *
 * @internal
 */
export function bindWorkspaces(
  declared: Array<{ name: string; optional?: boolean }>,
  previous: WorkspaceBinding[] = [],
): { bindings: WorkspaceBinding[]; unbound: string[] } {
  const bindings: WorkspaceBinding[] = [];
  const unbound: string[] = [];
  for (const workspace of declared) {
    const earlier = previous.find(b => b.name === workspace.name);
    const claim = DEFAULT_WORKSPACE_CLAIMS[workspace.name];
    if (earlier) {
      bindings.push(earlier);
    } else if (claim) {
      bindings.push({
        name: workspace.name,
        persistentVolumeClaim: { claimName: claim },
      });
    } else if (!workspace.optional) {
      unbound.push(workspace.name);
    }
  }
  return { bindings, unbound };
}

/**
 * A `tekton.dev/v1` PipelineRun of a model's training Pipeline, with v1 fields only
 * (`timeouts.pipeline`, `taskRunTemplate.serviceAccountName`), the `model-name` label,
 * `triggered-by: user`, and who asked in the `mlops.backstage.io/triggered-by` and
 * `mlops.dev/requested-by` annotations (the marks the Training tab reads).
 *
 * @internal
 */
export function buildTrainingPipelineRun(
  spec: TrainingPipelineRunSpec,
): MlopsKubernetesObject {
  const annotations: Record<string, string> = {
    [MLOPS_ANNOTATION_TRIGGERED_BY]: spec.triggeredBy,
    [MLOPS_REQUESTED_BY_ANNOTATION]: spec.triggeredBy,
  };
  if (spec.rerunOf) {
    annotations[MLOPS_RERUN_OF_ANNOTATION] = spec.rerunOf;
  }
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      generateName: generateNamePrefix('train', spec.modelName),
      namespace: spec.namespace,
      labels: {
        [MLOPS_MODEL_NAME_LABEL]: spec.modelName,
        [MLOPS_TRIGGERED_BY_LABEL]: 'user',
        ...MLOPS_MANAGED_BY_LABELS,
      },
      annotations,
    },
    spec: {
      pipelineRef: { name: spec.pipeline },
      params: spec.params,
      workspaces: spec.workspaces,
      taskRunTemplate: { serviceAccountName: spec.serviceAccountName },
      timeouts: { pipeline: spec.timeout },
    },
  };
}
