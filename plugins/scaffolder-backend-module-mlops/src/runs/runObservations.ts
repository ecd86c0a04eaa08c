import { ServiceUnavailableError } from '@backstage/errors';
import {
  buildStatusOf,
  toSlimMlopsObject,
  readBuild,
  readPipelineRun,
  validationJobStatusOf,
  type MlopsKubernetesObject,
  type MlopsResourceKindId,
  type MlopsSlimObjects,
} from '@backstage-mlops/plugin-mlops-node';
import {
  isMlopsRunFinished,
  type MlopsRunCause,
} from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';
import type { RunObservation } from './waitUntilFinished';

// A run as the scaffolder's waits observe it. How each kind's status reads is the
// status vocabulary's (@backstage-mlops/plugin-mlops-node); here the object is only
// checked for the shape of the fields it reads, so a cluster that answers with another
// shape gets a clear error naming the field.

const condition = z.looseObject({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

const metadata = z.looseObject({
  name: z.string(),
  namespace: z.string(),
  uid: z.string(),
  resourceVersion: z.string(),
});

const pipelineRunShape = z.looseObject({
  metadata,
  status: z
    .looseObject({ conditions: z.array(condition).optional() })
    .optional(),
});

const phaseShape = z.looseObject({
  metadata,
  status: z
    .looseObject({
      phase: z.string().optional(),
      reason: z.string().optional(),
      message: z.string().optional(),
    })
    .optional(),
});

function slim<K extends MlopsResourceKindId>(
  kind: K,
  schema: z.ZodType<unknown>,
  object: unknown,
  what: string,
): MlopsSlimObjects[K] {
  const parsed = schema.safeParse(object);
  if (!parsed.success) {
    throw new ServiceUnavailableError(
      `${what} has a status of an unexpected shape: ${parsed.error.issues
        .slice(0, 3)
        .map(i => `${i.path.join('.')} ${i.message}`)
        .join('; ')}`,
    );
  }
  // The shape is checked, so the slim object keeps every field read below.
  return toSlimMlopsObject(kind, object)!;
}

/**
 * How a finished training run ended, or how it was left: `Started` (not waited for),
 * `Accepted` (dry run), `Deferred` (dry run, the Pipeline does not exist yet),
 * `Succeeded`, `Failed`, `Cancelled`, `TimedOut`.
 *
 * @public
 */
export type TrainingRunStatus =
  | 'Started'
  | 'Accepted'
  | 'Deferred'
  | 'Succeeded'
  | 'Failed'
  | 'Cancelled'
  | 'TimedOut';

function causeText(cause: MlopsRunCause): string | undefined {
  const what = [cause.reason, cause.message].filter(Boolean).join(': ');
  if (cause.task) {
    const task = `${cause.finally ? 'finally task' : 'task'} ${cause.task}`;
    return what ? `${task}: ${what}` : `${task} failed`;
  }
  return what || undefined;
}

/**
 * A PipelineRun as the status vocabulary reads it (`Succeeded`, `Failed`,
 * `Cancelled`, `TimedOut` once finished; `Pending`, `Running`, `Cancelling` before).
 * The detail is the cause of its outcome (the failed task with its reason and
 * message), else Tekton's reason and message.
 *
 * @internal
 */
export function observePipelineRun(
  run: MlopsKubernetesObject,
  what: string,
): RunObservation {
  const reading = readPipelineRun(
    slim('pipelineruns', pipelineRunShape, run, what),
    [],
  );
  const detail =
    (reading.cause && causeText(reading.cause)) ||
    [reading.reason, reading.message].filter(Boolean).join(': ') ||
    undefined;
  return {
    status: reading.status,
    finished: isMlopsRunFinished(reading.status),
    detail,
  };
}

/**
 * A NotebookValidationJob by its `status.phase` (`Initializing`, `Building`,
 * `BuildComplete`, `ValidationRunning`, then `Succeeded` or `Failed`; before the
 * operator has seen it, `Pending`), finished when the vocabulary reads the phase as
 * final, with `status.message` as detail.
 *
 * @internal
 */
export function observeValidationJob(
  job: MlopsKubernetesObject,
  what: string,
): RunObservation {
  const nvj = slim('notebookvalidationjobs', phaseShape, job, what);
  const phase = nvj.status?.phase || 'Pending';
  const status = validationJobStatusOf(nvj.status?.phase);
  return {
    status: phase,
    finished: status === 'Succeeded' || status === 'Failed',
    detail: nvj.status?.message || undefined,
  };
}

/**
 * An OpenShift Build by its `status.phase` (`New`, `Pending`, `Running`, then
 * `Complete`, `Failed`, `Error` or `Cancelled`), finished when the vocabulary reads it
 * as final, with its reason and message as detail.
 *
 * @internal
 */
export function observeBuild(
  build: MlopsKubernetesObject,
  what: string,
): RunObservation {
  const slimBuild = slim('builds', phaseShape, build, what);
  const reading = readBuild(slimBuild);
  return {
    status: reading.phase,
    finished: isMlopsRunFinished(buildStatusOf(slimBuild)),
    detail:
      [reading.reason, reading.message].filter(Boolean).join(': ') || undefined,
  };
}
