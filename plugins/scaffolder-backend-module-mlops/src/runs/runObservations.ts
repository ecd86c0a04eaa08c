import { ServiceUnavailableError } from '@backstage/errors';
import type { MlopsKubernetesObject } from '@backstage-mlops/plugin-mlops-node';
import { z } from 'zod';
import type { RunObservation } from './waitUntilFinished';

// How each kind's status reads as a RunObservation (cluster-apis.md): a PipelineRun's
// `Succeeded` condition, a NotebookValidationJob's and a Build's `status.phase`.

const pipelineRunShape = z.looseObject({
  status: z
    .looseObject({
      conditions: z
        .array(
          z.looseObject({
            type: z.string(),
            status: z.string(),
            reason: z.string().optional(),
            message: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

const phaseShape = z.looseObject({
  status: z
    .looseObject({
      phase: z.string().optional(),
      reason: z.string().optional(),
      message: z.string().optional(),
    })
    .optional(),
});

function read<T>(schema: z.ZodType<T>, object: unknown, what: string): T {
  const parsed = schema.safeParse(object);
  if (!parsed.success) {
    throw new ServiceUnavailableError(
      `${what} has a status of an unexpected shape: ${parsed.error.issues
        .slice(0, 3)
        .map(i => `${i.path.join('.')} ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
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

const FALSE_REASONS: Record<string, TrainingRunStatus> = {
  Cancelled: 'Cancelled',
  PipelineRunCancelled: 'Cancelled',
  PipelineRunTimeout: 'TimedOut',
};

/**
 * A PipelineRun from its `Succeeded` condition: `True` → `Succeeded`; `False` →
 * `Cancelled`, `TimedOut` or `Failed` by reason; `Unknown` → `Pending` or `Running`;
 * no condition yet → `Pending`. The detail is the reason and Tekton's message.
 *
 * @internal
 */
export function observePipelineRun(
  run: MlopsKubernetesObject,
  what: string,
): RunObservation {
  const condition = read(pipelineRunShape, run, what).status?.conditions?.find(
    c => c.type === 'Succeeded',
  );
  if (!condition) {
    return { status: 'Pending', finished: false };
  }
  const reason = condition.reason ?? '';
  const detail =
    [reason, condition.message].filter(Boolean).join(': ') || undefined;
  switch (condition.status) {
    case 'True':
      return { status: 'Succeeded', finished: true, detail };
    case 'False':
      return {
        status: Object.prototype.hasOwnProperty.call(FALSE_REASONS, reason)
          ? FALSE_REASONS[reason]
          : 'Failed',
        finished: true,
        detail,
      };
    default:
      return {
        status: /Pending$/.test(reason) ? 'Pending' : 'Running',
        finished: false,
        detail,
      };
  }
}

/** NotebookValidationJob phases that never change (the operator returns early). */
const VALIDATION_JOB_FINAL = new Set(['Succeeded', 'Failed']);
/** Build phases that never change. */
const BUILD_FINAL = new Set(['Complete', 'Failed', 'Error', 'Cancelled']);

/**
 * A NotebookValidationJob from `status.phase` (`Initializing`, `Building`,
 * `BuildComplete`, `ValidationRunning`, then `Succeeded` or `Failed`; before the
 * operator has seen it, `Pending`), with `status.message` as detail.
 *
 * @internal
 */
export function observeValidationJob(
  job: MlopsKubernetesObject,
  what: string,
): RunObservation {
  const status = read(phaseShape, job, what).status;
  const phase = status?.phase || 'Pending';
  return {
    status: phase,
    finished: VALIDATION_JOB_FINAL.has(phase),
    detail: status?.message || undefined,
  };
}

/**
 * An OpenShift Build from `status.phase` (`New`, `Pending`, `Running`, then
 * `Complete`, `Failed`, `Error` or `Cancelled`), with its reason and message as detail.
 *
 * @internal
 */
export function observeBuild(
  build: MlopsKubernetesObject,
  what: string,
): RunObservation {
  const status = read(phaseShape, build, what).status;
  const phase = status?.phase || 'New';
  return {
    status: phase,
    finished: BUILD_FINAL.has(phase),
    detail:
      [status?.reason, status?.message].filter(Boolean).join(': ') || undefined,
  };
}
