import {
  MLOPS_MODEL_NAME_LABEL,
  type MlopsParamValue,
} from '@backstage-mlops/plugin-mlops-common';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';
import type { MlopsKubernetesObject } from '../client/types';
import { toSlimPipelineRun } from '../kinds/toSlimPipelineRun';
import type { SlimPipelineParam } from '../kinds/tekton';
import { pipelineRunFinishedReason } from '../status/tekton';
import type { WorkspaceBinding } from './pipelineRunManifest';

// Zod readers of the parts of full cluster objects the cluster writes use; a cluster that
// answers with another shape gets a clear error, never a TypeError.

const paramValue = z.union([
  z.string(),
  z.array(z.string()),
  z.record(z.string(), z.string()),
]);

const pipelineSchema = z.looseObject({
  spec: z
    .looseObject({
      params: z
        .array(
          z.looseObject({
            name: z.string(),
            type: z.string().optional(),
            default: paramValue.optional(),
            description: z.string().optional(),
            enum: z.array(z.string()).optional(),
          }),
        )
        .optional(),
      workspaces: z
        .array(
          z.looseObject({ name: z.string(), optional: z.boolean().optional() }),
        )
        .optional(),
    })
    .optional(),
});

const pipelineRunSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    resourceVersion: z.string().optional(),
    creationTimestamp: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  spec: z
    .looseObject({
      pipelineRef: z.looseObject({ name: z.string().optional() }).optional(),
      params: z
        .array(z.looseObject({ name: z.string(), value: paramValue }))
        .optional(),
      workspaces: z.array(z.looseObject({ name: z.string() })).optional(),
      taskRunTemplate: z
        .looseObject({ serviceAccountName: z.string().optional() })
        .optional(),
      timeouts: z.looseObject({ pipeline: z.string().optional() }).optional(),
      status: z.string().optional(),
    })
    .optional(),
  status: z
    .looseObject({
      conditions: z
        .array(
          z.looseObject({
            type: z.string(),
            status: z.string(),
            reason: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

/** @internal */
export type FullPipelineRun = z.infer<typeof pipelineRunSchema>;

const objectWithSpec = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    resourceVersion: z.string().optional(),
    creationTimestamp: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.record(z.string(), z.unknown()).optional(),
});

/** @internal */
export type FullObjectWithSpec = z.infer<typeof objectWithSpec>;

function read<T>(
  schema: z.ZodType<T>,
  object: unknown,
  what: string,
  cluster: string,
): T {
  const parsed = schema.safeParse(object);
  if (!parsed.success) {
    throw new ServiceUnavailableError(
      `cluster ${cluster} answered with a ${what} of an unexpected shape: ${parsed.error.issues
        .slice(0, 3)
        .map(i => `${i.path.join('.')} ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

/** The params and workspaces a Pipeline declares. @internal */
export function readPipelineInterface(
  pipeline: MlopsKubernetesObject,
  cluster: string,
): {
  params: SlimPipelineParam[];
  workspaces: Array<{ name: string; optional?: boolean }>;
} {
  const parsed = read(pipelineSchema, pipeline, 'Pipeline', cluster);
  return {
    params: parsed.spec?.params ?? [],
    workspaces: parsed.spec?.workspaces ?? [],
  };
}

/** @internal */
export function readPipelineRun(
  run: MlopsKubernetesObject,
  cluster: string,
): FullPipelineRun {
  return read(pipelineRunSchema, run, 'PipelineRun', cluster);
}

/** @internal */
export function readObjectWithSpec(
  object: MlopsKubernetesObject,
  what: string,
  cluster: string,
): FullObjectWithSpec {
  return read(objectWithSpec, object, what, cluster);
}

/** The params of a run by name. @internal */
export function paramsOf(
  run: FullPipelineRun | undefined,
): Record<string, MlopsParamValue> {
  return Object.fromEntries(
    (run?.spec?.params ?? []).map(p => [p.name, p.value]),
  );
}

/** The workspace bindings of a run. @internal */
export function workspacesOf(run: FullPipelineRun): WorkspaceBinding[] {
  return (run.spec?.workspaces ?? []) as WorkspaceBinding[];
}

/**
 * Why a PipelineRun finished, as the status vocabulary reads it; undefined while it
 * has not. @internal
 */
export function finishedReason(run: FullPipelineRun): string | undefined {
  const slim = toSlimPipelineRun(run);
  return slim ? pipelineRunFinishedReason(slim) : undefined;
}

/** The newest object by creation time. @internal */
export function newest<
  T extends { metadata: { creationTimestamp?: string; name: string } },
>(items: T[]): T | undefined {
  return newestFirst(items)[0];
}

/** The items, newest first (by creation, then name). @internal */
export function newestFirst<
  T extends { metadata: { creationTimestamp?: string; name: string } },
>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? '').localeCompare(
        a.metadata.creationTimestamp ?? '',
      ) || b.metadata.name.localeCompare(a.metadata.name),
  );
}

/**
 * The value of each param in the newest run that has it: the fallback of a new run's
 * params. A newest run created without some param (by hand, by another tool) does not
 * hide the value an earlier run had.
 *
 * @internal
 */
export function recentParamsOf(
  runsNewestFirst: FullPipelineRun[],
): Record<string, MlopsParamValue> {
  const values: Record<string, MlopsParamValue> = {};
  for (const run of runsNewestFirst) {
    for (const p of run.spec?.params ?? []) {
      if (!(p.name in values)) {
        values[p.name] = p.value;
      }
    }
  }
  return values;
}

/**
 * Throws `NotFoundError` unless the object carries the model's `model-name` label, so
 * a request for one model can never act on another model's objects.
 *
 * @internal
 */
export function assertOfModel(
  object: { metadata: { name: string; labels?: Record<string, string> } },
  options: { kind: string; namespace: string; modelName: string },
): void {
  if (object.metadata.labels?.[MLOPS_MODEL_NAME_LABEL] !== options.modelName) {
    throw new NotFoundError(
      `${options.kind} ${object.metadata.name} in namespace ${options.namespace} is not one of model ${options.modelName} (no label ${MLOPS_MODEL_NAME_LABEL}=${options.modelName})`,
    );
  }
}
