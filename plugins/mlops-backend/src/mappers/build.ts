import type {
  MlopsBuildSummary,
  MlopsRunStatus,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimBuild } from '@backstage-mlops/plugin-mlops-node';
import {
  createdAtOf,
  nanosecondsToSeconds,
  secondsBetween,
  validTime,
} from './time';

/** Label and annotation OpenShift puts on a Build naming its BuildConfig. */
export const BUILD_CONFIG_LABEL = 'openshift.io/build-config.name';
/** The deprecated label older OpenShift releases use instead. */
const LEGACY_BUILD_CONFIG_LABEL = 'buildconfig';
const BUILD_NUMBER_ANNOTATION = 'openshift.io/build.number';

/**
 * The run status of an OpenShift Build phase: `New`/`Pending` → `Pending`, `Running` →
 * `Running`, `Complete` → `Succeeded`, `Failed`/`Error` → `Failed`, `Cancelled` (or
 * `status.cancelled` on a build that has not finished) → `Cancelled`/`Cancelling`.
 *
 * @internal
 */
export function buildStatus(build: SlimBuild): MlopsRunStatus {
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

function buildNumber(
  build: SlimBuild,
  buildConfig: string,
): number | undefined {
  const annotated = build.metadata.annotations?.[BUILD_NUMBER_ANNOTATION];
  if (annotated !== undefined && /^\d+$/.test(annotated)) {
    return Number(annotated);
  }
  const prefix = `${buildConfig}-`;
  const suffix = build.metadata.name.startsWith(prefix)
    ? build.metadata.name.slice(prefix.length)
    : '';
  return /^\d+$/.test(suffix) ? Number(suffix) : undefined;
}

/**
 * An OpenShift Build for the wire. Its BuildConfig comes from `status.config`, else
 * the `openshift.io/build-config.name` label or annotation, else the legacy
 * `buildconfig` label; its number from `openshift.io/build.number`, else the name's
 * `<config>-<n>` suffix. The duration is `status.duration` (nanoseconds), else the
 * time from start to completion.
 *
 * @internal
 */
export function toBuildSummary(build: SlimBuild): MlopsBuildSummary {
  const { metadata, status } = build;
  const buildConfig =
    status?.config?.name ??
    metadata.labels?.[BUILD_CONFIG_LABEL] ??
    metadata.annotations?.[BUILD_CONFIG_LABEL] ??
    metadata.labels?.[LEGACY_BUILD_CONFIG_LABEL] ??
    '';
  const startedAt = validTime(status?.startTimestamp);
  const completedAt = validTime(status?.completionTimestamp);
  const out: MlopsBuildSummary = {
    name: metadata.name,
    buildConfig,
    phase: status?.phase || 'New',
    status: buildStatus(build),
    createdAt: createdAtOf(metadata, startedAt, completedAt),
  };
  const number = buildNumber(build, buildConfig);
  if (number !== undefined) {
    out.number = number;
  }
  if (status?.reason) {
    out.reason = status.reason;
  }
  if (status?.message) {
    out.message = status.message;
  }
  if (startedAt) {
    out.startedAt = startedAt;
  }
  if (completedAt) {
    out.completedAt = completedAt;
  }
  const duration =
    nanosecondsToSeconds(status?.duration) ??
    secondsBetween(startedAt, completedAt);
  if (duration !== undefined) {
    out.durationSeconds = duration;
  }
  if (status?.outputDockerImageReference) {
    out.imageReference = status.outputDockerImageReference;
  }
  if (status?.output?.to?.imageDigest) {
    out.imageDigest = status.output.to.imageDigest;
  }
  return out;
}
