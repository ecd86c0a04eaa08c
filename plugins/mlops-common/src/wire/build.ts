import type { MlopsRunStatus } from './runStatus';

/**
 * An OpenShift Build of the model's BuildConfig.
 *
 * @public
 */
export interface MlopsBuildSummary {
  name: string;
  /** The BuildConfig it was started from. */
  buildConfig: string;
  /** The build number (`openshift.io/build.number`). */
  number?: number;
  /** `New`, `Pending`, `Running`, `Complete`, `Failed`, `Error` or `Cancelled`. */
  phase: string;
  /** The phase as a run status, for filtering alongside runs. */
  status: MlopsRunStatus;
  /** Why it failed, e.g. `DockerBuildFailed`, `FetchSourceFailed`. */
  reason?: string;
  message?: string;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  durationSeconds?: number;
  /** Where the image was pushed. */
  imageReference?: string;
  /** The pushed image's digest, `sha256:…`. */
  imageDigest?: string;
  /** The last lines of the build log, kept by OpenShift for a failed build (`status.logSnippet`). */
  logSnippet?: string;
  /** The stages the build went through, with their durations (`status.stages`). */
  stages?: MlopsBuildStage[];
}

/**
 * A stage of an OpenShift build, e.g. `FetchInputs`, `Build`, `PushImage`.
 *
 * @public
 */
export interface MlopsBuildStage {
  name: string;
  startedAt?: string;
  durationSeconds?: number;
}
