import type { SlimCondition, SlimObjectMeta } from './objectMeta';

/**
 * A `build.openshift.io/v1` BuildConfig, reduced to what the plugin shows.
 *
 * @public
 */
export interface SlimBuildConfig {
  metadata: SlimObjectMeta;
  spec: {
    source?: {
      type?: string;
      git?: { uri?: string; ref?: string };
      contextDir?: string;
    };
    strategy?: { type?: string };
    output?: { to?: { kind?: string; name?: string } };
    runPolicy?: string;
  };
  status?: { lastVersion?: number };
}

/**
 * A `build.openshift.io/v1` Build, reduced to what the plugin shows.
 *
 * @public
 */
export interface SlimBuild {
  metadata: SlimObjectMeta;
  spec: {
    strategy?: { type?: string };
    /** Where the build fetched its source (`spec.source.git`). */
    source?: { git?: { uri?: string; ref?: string } };
    /**
     * The commit the build fetched, as OpenShift's builder records it once it cloned
     * the source (openshift/builder pkg/build/builder, updateBuildRevision).
     */
    revision?: {
      git?: {
        commit?: string;
        message?: string;
        author?: { name?: string; email?: string };
      };
    };
  };
  status?: {
    /** New | Pending | Running | Complete | Failed | Error | Cancelled */
    phase?: string;
    cancelled?: boolean;
    reason?: string;
    message?: string;
    startTimestamp?: string;
    completionTimestamp?: string;
    /** Nanoseconds. */
    duration?: number;
    outputDockerImageReference?: string;
    output?: { to?: { imageDigest?: string } };
    config?: { name?: string; namespace?: string };
    conditions?: SlimCondition[];
    /** The last lines of a failed build's log. */
    logSnippet?: string;
    stages?: Array<{
      name?: string;
      startTime?: string;
      durationMilliseconds?: number;
    }>;
  };
}
