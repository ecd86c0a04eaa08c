import type { MlopsBuildSummary } from '@backstage-mlops/plugin-mlops-common';
import {
  readBuild,
  validTime,
  type SlimBuild,
} from '@backstage-mlops/plugin-mlops-node';
import { createdAtOf } from './time';

/** Label and annotation OpenShift puts on a Build naming its BuildConfig. */
export const BUILD_CONFIG_LABEL = 'openshift.io/build-config.name';
/** The deprecated label older OpenShift releases use instead. */
const LEGACY_BUILD_CONFIG_LABEL = 'buildconfig';
const BUILD_NUMBER_ANNOTATION = 'openshift.io/build.number';

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
 * An OpenShift Build for the wire: what the status vocabulary reads of it
 * (`readBuild`: status, reason, message, log snippet, stages, duration, image), with
 * its BuildConfig (`status.config`, else the `openshift.io/build-config.name` label or
 * annotation, else the legacy `buildconfig` label), its number
 * (`openshift.io/build.number`, else the name's `<config>-<n>` suffix) and times.
 *
 * @internal
 */
export function toBuildSummary(build: SlimBuild): MlopsBuildSummary {
  const { metadata, status } = build;
  const reading = readBuild(build);
  const buildConfig =
    status?.config?.name ??
    metadata.labels?.[BUILD_CONFIG_LABEL] ??
    metadata.annotations?.[BUILD_CONFIG_LABEL] ??
    metadata.labels?.[LEGACY_BUILD_CONFIG_LABEL] ??
    '';
  const startedAt = validTime(status?.startTimestamp);
  const completedAt = validTime(status?.completionTimestamp);
  const { phase, status: runStatus, ...evidence } = reading;
  const out: MlopsBuildSummary = {
    name: metadata.name,
    buildConfig,
    phase,
    status: runStatus,
    createdAt: createdAtOf(metadata, startedAt, completedAt),
    ...evidence,
  };
  const number = buildNumber(build, buildConfig);
  if (number !== undefined) {
    out.number = number;
  }
  if (startedAt) {
    out.startedAt = startedAt;
  }
  if (completedAt) {
    out.completedAt = completedAt;
  }
  return out;
}
