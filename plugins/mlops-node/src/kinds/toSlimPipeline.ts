import { toSlimObjectMeta } from './toSlimObjectMeta';
import {
  bool,
  compact,
  compactOrUndefined,
  list,
  record,
  str,
  strings,
} from './slimHelpers';
import type { SlimPipeline } from './tekton';

function taskRefName(task: Record<string, unknown> | undefined) {
  return compactOrUndefined({ name: str(record(task?.taskRef)?.name) });
}

/**
 * A `tekton.dev/v1` Pipeline reduced to its interface: description, declared params,
 * workspaces and the task graph (names, task references, ordering and `when`
 * expressions). Task specs, steps and scripts are gone.
 *
 * @internal
 */
export function toSlimPipeline(raw: unknown): SlimPipeline | undefined {
  const metadata = toSlimObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const spec = record(record(raw)?.spec);
  return {
    metadata,
    spec: compact({
      description: str(spec?.description),
      params: Array.isArray(spec?.params)
        ? list(spec?.params).flatMap(item => {
            const p = record(item);
            const name = str(p?.name);
            return name
              ? [
                  compact({
                    name,
                    type: str(p?.type),
                    default: p?.default,
                    description: str(p?.description),
                    enum: strings(p?.enum),
                  }),
                ]
              : [];
          })
        : undefined,
      workspaces: Array.isArray(spec?.workspaces)
        ? list(spec?.workspaces).flatMap(item => {
            const w = record(item);
            const name = str(w?.name);
            return name
              ? [
                  compact({
                    name,
                    optional: bool(w?.optional),
                    description: str(w?.description),
                  }),
                ]
              : [];
          })
        : undefined,
      tasks: Array.isArray(spec?.tasks)
        ? list(spec?.tasks).flatMap(item => {
            const t = record(item);
            const name = str(t?.name);
            return name
              ? [
                  compact({
                    name,
                    taskRef: taskRefName(t),
                    runAfter: strings(t?.runAfter),
                    when: Array.isArray(t?.when)
                      ? list(t?.when).map(w =>
                          compact({
                            input: str(record(w)?.input),
                            operator: str(record(w)?.operator),
                            values: strings(record(w)?.values),
                          }),
                        )
                      : undefined,
                  }),
                ]
              : [];
          })
        : undefined,
      finally: Array.isArray(spec?.finally)
        ? list(spec?.finally).flatMap(item => {
            const t = record(item);
            const name = str(t?.name);
            return name ? [compact({ name, taskRef: taskRefName(t) })] : [];
          })
        : undefined,
    }),
  };
}
