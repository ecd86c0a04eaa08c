import type { SlimBuildConfig } from './openshiftBuild';
import { toSlimObjectMeta } from './toSlimObjectMeta';
import { compact, compactOrUndefined, num, record, str } from './slimHelpers';

/**
 * A `build.openshift.io/v1` BuildConfig as the cache keeps it: git source, strategy
 * type, output image and run policy; `status.lastVersion`. Triggers, strategy details,
 * secrets references and resources are gone.
 *
 * @internal
 */
export function toSlimBuildConfig(raw: unknown): SlimBuildConfig | undefined {
  const metadata = toSlimObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const spec = record(record(raw)?.spec);
  const source = record(spec?.source);
  const git = record(source?.git);
  const to = record(record(spec?.output)?.to);
  const status = record(record(raw)?.status);
  return {
    metadata,
    spec: compact({
      source: source
        ? compactOrUndefined({
            type: str(source.type),
            git: git
              ? compactOrUndefined({ uri: str(git.uri), ref: str(git.ref) })
              : undefined,
            contextDir: str(source.contextDir),
          })
        : undefined,
      strategy: compactOrUndefined({
        type: str(record(spec?.strategy)?.type),
      }),
      output: to
        ? compactOrUndefined({
            to: compactOrUndefined({ kind: str(to.kind), name: str(to.name) }),
          })
        : undefined,
      runPolicy: str(spec?.runPolicy),
    }),
    status: status
      ? compact({ lastVersion: num(status.lastVersion) })
      : undefined,
  };
}
