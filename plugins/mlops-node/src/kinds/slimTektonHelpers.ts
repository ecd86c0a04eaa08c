import type { SlimWhenExpression } from './tekton';
import { compact, list, record, str, strings } from './slimHelpers';

/**
 * Tekton `when` expressions (`input`/`operator`/`values`, or `cel`), or undefined when
 * absent.
 *
 * @internal
 */
export function toSlimWhenExpressions(
  value: unknown,
): SlimWhenExpression[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return list(value).map(item => {
    const w = record(item);
    return compact({
      input: str(w?.input),
      operator: str(w?.operator),
      values: strings(w?.values),
      cel: str(w?.cel),
    });
  });
}

/** The names of the pipeline tasks of a list (`tasks` or `finally`). */
function taskNames(value: unknown): string[] {
  return list(value).flatMap(item => {
    const name = str(record(item)?.name);
    return name ? [name] : [];
  });
}

/**
 * The task names of the pipeline a PipelineRun resolved (`status.pipelineSpec`), or
 * undefined before Tekton resolved it.
 *
 * @internal
 */
export function toSlimPipelineTasks(
  pipelineSpec: unknown,
): { tasks: string[]; finally: string[] } | undefined {
  const spec = record(pipelineSpec);
  if (!spec) {
    return undefined;
  }
  return { tasks: taskNames(spec.tasks), finally: taskNames(spec.finally) };
}
