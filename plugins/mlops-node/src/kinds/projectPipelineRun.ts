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
import { projectPipelineDag } from './projectPipelineDag';
import {
  projectPipelineTasks,
  projectWhenExpressions,
} from './projectTektonHelpers';

/**
 * A `tekton.dev/v1` PipelineRun as the cache keeps it: the pipeline reference (name,
 * or resolver and its params), params, cancel state and timeouts; conditions, times, child references, results, skipped tasks with their
 * reasons and `when` expressions, and the task names of the resolved pipeline (which
 * are `finally`). The resolved spec itself, `provenance` and the rest are gone.
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
        resolver: str(record(spec?.pipelineRef)?.resolver),
        params: projectNameValues(record(spec?.pipelineRef)?.params),
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
                        displayName: str(c?.displayName),
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
                return name
                  ? [
                      compact({
                        name,
                        reason: str(t?.reason),
                        whenExpressions: projectWhenExpressions(
                          t?.whenExpressions,
                        ),
                      }),
                    ]
                  : [];
              })
            : undefined,
          finallyStartTime: str(status.finallyStartTime),
          pipelineTasks: projectPipelineTasks(status.pipelineSpec),
          pipelineDag: projectPipelineDag(status.pipelineSpec),
        })
      : undefined,
  };
}
