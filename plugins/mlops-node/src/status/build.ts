import type {
  MlopsBuildStage,
  MlopsRunStatus,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimBuild } from '../kinds/openshiftBuild';
import { nanosecondsToSeconds, secondsBetween, validTime } from './time';

// How OpenShift build/v1 Build statuses read (openshift/api: build/v1/types.go,
// build/v1/consts.go; openshift/openshift-controller-manager:
// pkg/build/controller/build/build_controller.go).

/**
 * The status of an OpenShift Build from its phase: `New`/`Pending` → `Pending`,
 * `Running` → `Running`, `Complete` → `Succeeded`, `Failed`/`Error` → `Failed`,
 * `Cancelled` → `Cancelled`; a build not finished whose `status.cancelled` is set (a
 * cancel was asked for) → `Cancelling`; any other phase → `Unknown`.
 *
 * @public
 */
export function buildStatusOf(build: SlimBuild): MlopsRunStatus {
  const phase = build.status?.phase;
  switch (phase) {
    case 'Complete':
      return 'Succeeded';
    case 'Failed':
    case 'Error':
      return 'Failed';
    case 'Cancelled':
      return 'Cancelled';
    default:
      break;
  }
  if (build.status?.cancelled) {
    return 'Cancelling';
  }
  switch (phase) {
    case undefined:
    case '':
    case 'New':
    case 'Pending':
      return 'Pending';
    case 'Running':
      return 'Running';
    default:
      return 'Unknown';
  }
}

/**
 * A Build as the vocabulary reads it: its phase and status, OpenShift's reason and
 * message, and the evidence: the log snippet of a failed build, its stages, how long
 * it took, the pushed image and digest.
 *
 * @public
 */
export interface BuildReading {
  phase: string;
  status: MlopsRunStatus;
  reason?: string;
  message?: string;
  logSnippet?: string;
  stages?: MlopsBuildStage[];
  durationSeconds?: number;
  imageReference?: string;
  imageDigest?: string;
}

/**
 * Reads an OpenShift Build. The duration is `status.duration` (nanoseconds), else the
 * time from start to completion. `status.logSnippet` (the last lines of the log, which
 * the build controller keeps only for a failed build) is the evidence of a failure.
 * The `conditions` are not read: this controller writes phase, reason and message.
 *
 * @public
 */
export function readBuild(build: SlimBuild): BuildReading {
  const status = build.status;
  const reading: BuildReading = {
    phase: status?.phase || 'New',
    status: buildStatusOf(build),
  };
  if (status?.reason) {
    reading.reason = status.reason;
  }
  if (status?.message) {
    reading.message = status.message;
  }
  if (status?.logSnippet) {
    reading.logSnippet = status.logSnippet;
  }
  const stages = (status?.stages ?? []).flatMap(stage => {
    if (!stage.name) return [];
    const out: MlopsBuildStage = { name: stage.name };
    const startedAt = validTime(stage.startTime);
    if (startedAt) out.startedAt = startedAt;
    if (typeof stage.durationMilliseconds === 'number') {
      out.durationSeconds = stage.durationMilliseconds / 1000;
    }
    return [out];
  });
  if (stages.length > 0) {
    reading.stages = stages;
  }
  const duration =
    nanosecondsToSeconds(status?.duration) ??
    secondsBetween(
      validTime(status?.startTimestamp),
      validTime(status?.completionTimestamp),
    );
  if (duration !== undefined) {
    reading.durationSeconds = duration;
  }
  if (status?.outputDockerImageReference) {
    reading.imageReference = status.outputDockerImageReference;
  }
  if (status?.output?.to?.imageDigest) {
    reading.imageDigest = status.output.to.imageDigest;
  }
  return reading;
}
