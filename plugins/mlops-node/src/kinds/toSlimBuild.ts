import type { SlimBuild } from './openshiftBuild';
import { toSlimConditions, toSlimObjectMeta } from './toSlimObjectMeta';
import {
  bool,
  compact,
  compactOrUndefined,
  list,
  num,
  record,
  str,
} from './slimHelpers';

/**
 * A `build.openshift.io/v1` Build as the cache keeps it: strategy type; phase,
 * cancellation, reason, message, times, duration (ns), output image and digest, its
 * BuildConfig, conditions, the log snippet of a failed build and the stages (without
 * their steps). The spec's source is gone.
 *
 * @internal
 */
export function toSlimBuild(raw: unknown): SlimBuild | undefined {
  const metadata = toSlimObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const spec = record(record(raw)?.spec);
  const status = record(record(raw)?.status);
  const config = record(status?.config);
  const to = record(record(status?.output)?.to);
  const sourceGit = record(record(spec?.source)?.git);
  const revisionGit = record(record(spec?.revision)?.git);
  const author = record(revisionGit?.author);
  return {
    metadata,
    spec: compact({
      strategy: compactOrUndefined({
        type: str(record(spec?.strategy)?.type),
      }),
      source: sourceGit
        ? compactOrUndefined({
            git: compactOrUndefined({
              uri: str(sourceGit.uri),
              ref: str(sourceGit.ref),
            }),
          })
        : undefined,
      revision: revisionGit
        ? compactOrUndefined({
            git: compactOrUndefined({
              commit: str(revisionGit.commit),
              message: str(revisionGit.message)?.slice(0, 500),
              author: author
                ? compactOrUndefined({
                    name: str(author.name),
                    email: str(author.email),
                  })
                : undefined,
            }),
          })
        : undefined,
    }),
    status: status
      ? compact({
          phase: str(status.phase),
          cancelled: bool(status.cancelled),
          reason: str(status.reason),
          message: str(status.message),
          startTimestamp: str(status.startTimestamp),
          completionTimestamp: str(status.completionTimestamp),
          duration: num(status.duration),
          outputDockerImageReference: str(status.outputDockerImageReference),
          output: to
            ? compactOrUndefined({
                to: compactOrUndefined({ imageDigest: str(to.imageDigest) }),
              })
            : undefined,
          config: config
            ? compactOrUndefined({
                name: str(config.name),
                namespace: str(config.namespace),
              })
            : undefined,
          conditions: toSlimConditions(status.conditions),
          logSnippet: str(status.logSnippet) || undefined,
          stages: Array.isArray(status.stages)
            ? list(status.stages).map(item => {
                const stage = record(item);
                return compact({
                  name: str(stage?.name),
                  startTime: str(stage?.startTime),
                  durationMilliseconds: num(stage?.durationMilliseconds),
                });
              })
            : undefined,
        })
      : undefined,
  };
}
