import {
  projectConditions,
  projectNameValues,
  projectObjectMeta,
} from './projectObjectMeta';
import {
  compact,
  compactOrUndefined,
  list,
  record,
  str,
} from './projectHelpers';
import type { SlimPipelineRun } from './tekton';

/**
 * A `tekton.dev/v1` PipelineRun as the cache keeps it: the pipeline reference, params,
 * cancel state and timeouts; conditions, times, child references, results and skipped
 * tasks. The resolved `status.pipelineSpec`, `provenance` and the rest are gone.
 *
 * @internal
 */
export function projectPipelineRun(raw: unknown): SlimPipelineRun | undefined {
  const metadata = projectObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const spec = record(record(raw)?.spec);
  const status = record(record(raw)?.status);
  const timeouts = record(spec?.timeouts);
  return {
    metadata,
    spec: compact({
      pipelineRef: compactOrUndefined({
        name: str(record(spec?.pipelineRef)?.name),
      }),
      params: projectNameValues(spec?.params),
      status: str(spec?.status),
      timeouts: timeouts
        ? compactOrUndefined({
            pipeline: str(timeouts.pipeline),
            tasks: str(timeouts.tasks),
            finally: str(timeouts.finally),
          })
        : undefined,
    }),
    status: status
      ? compact({
          conditions: projectConditions(status.conditions),
          startTime: str(status.startTime),
          completionTime: str(status.completionTime),
          childReferences: Array.isArray(status.childReferences)
            ? list(status.childReferences).flatMap(item => {
                const c = record(item);
                const name = str(c?.name);
                return name
                  ? [
                      compact({
                        kind: str(c?.kind),
                        name,
                        pipelineTaskName: str(c?.pipelineTaskName),
                      }),
                    ]
                  : [];
              })
            : undefined,
          results: projectNameValues(status.results),
          skippedTasks: Array.isArray(status.skippedTasks)
            ? list(status.skippedTasks).flatMap(item => {
                const t = record(item);
                const name = str(t?.name);
                return name ? [compact({ name, reason: str(t?.reason) })] : [];
              })
            : undefined,
        })
      : undefined,
  };
}
