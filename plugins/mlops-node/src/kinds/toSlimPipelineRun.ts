import {
  toSlimConditions,
  toSlimNameValues,
  toSlimObjectMeta,
} from './toSlimObjectMeta';
import { compact, compactOrUndefined, list, record, str } from './slimHelpers';
import type { SlimPipelineRun } from './tekton';
import { toSlimPipelineDag } from './toSlimPipelineDag';
import {
  toSlimPipelineTasks,
  toSlimWhenExpressions,
} from './slimTektonHelpers';

/**
 * A `tekton.dev/v1` PipelineRun as the cache keeps it: the pipeline reference (name,
 * or resolver and its params), params, cancel state and timeouts; conditions, times, child references, results, skipped tasks with their
 * reasons and `when` expressions, and the task names of the resolved pipeline (which
 * are `finally`). The resolved spec itself, `provenance` and the rest are gone.
 *
 * @internal
 */
export function toSlimPipelineRun(raw: unknown): SlimPipelineRun | undefined {
  const metadata = toSlimObjectMeta(raw);
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
        resolver: str(record(spec?.pipelineRef)?.resolver),
        params: toSlimNameValues(record(spec?.pipelineRef)?.params),
      }),
      params: toSlimNameValues(spec?.params),
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
          conditions: toSlimConditions(status.conditions),
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
                        displayName: str(c?.displayName),
                      }),
                    ]
                  : [];
              })
            : undefined,
          results: toSlimNameValues(status.results),
          skippedTasks: Array.isArray(status.skippedTasks)
            ? list(status.skippedTasks).flatMap(item => {
                const t = record(item);
                const name = str(t?.name);
                return name
                  ? [
                      compact({
                        name,
                        reason: str(t?.reason),
                        whenExpressions: toSlimWhenExpressions(
                          t?.whenExpressions,
                        ),
                      }),
                    ]
                  : [];
              })
            : undefined,
          finallyStartTime: str(status.finallyStartTime),
          pipelineTasks: toSlimPipelineTasks(status.pipelineSpec),
          pipelineDag: toSlimPipelineDag(status.pipelineSpec),
        })
      : undefined,
  };
}
