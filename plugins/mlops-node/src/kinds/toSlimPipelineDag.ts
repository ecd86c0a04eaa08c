import type { SlimPipelineDagTask } from './tekton';
import { compact, list, record, str, strings } from './slimHelpers';

/**
 * `$(tasks.<task>.results.<result>…)` anywhere in a string: a reference to another
 * pipeline task's result. Tekton makes the referring task depend on that task
 * (tektoncd/pipeline pkg/apis/pipeline/v1/resultref.go, `PipelineTaskResultRefs`:
 * params, matrix params and `when` expressions).
 */
const RESULT_REF = /\$\(tasks\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.results\./g;

/** Every string inside a JSON value (a param value is a string, array or object). */
function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    out.push(value);
  } else if (Array.isArray(value)) {
    value.forEach(v => stringsIn(v, out));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(v => stringsIn(v, out));
  }
}

/** The tasks whose results a pipeline task reads, in the places Tekton looks. */
function resultDependencies(task: Record<string, unknown>): string[] {
  const texts: string[] = [];
  const matrix = record(task.matrix);
  const params = [
    ...list(task.params),
    ...list(matrix?.params),
    ...list(matrix?.include).flatMap(i => list(record(i)?.params)),
  ];
  params.forEach(p => stringsIn(record(p)?.value, texts));
  list(task.when).forEach(w => {
    const when = record(w);
    stringsIn(when?.input, texts);
    stringsIn(when?.values, texts);
    stringsIn(when?.cel, texts);
  });
  const names: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(RESULT_REF)) {
      names.push(match[1]);
    }
  }
  return names;
}

/**
 * The graph of the pipeline a PipelineRun resolved (`status.pipelineSpec`, which
 * Tekton fills with the resolved spec: tektoncd/pipeline
 * pkg/apis/pipeline/v1/pipelinerun_types.go, `PipelineRunStatusFields.PipelineSpec`):
 * each task of `tasks` with the tasks it waits for, as Tekton's DAG counts them
 * (`PipelineTask.Deps` in pkg/apis/pipeline/v1/pipeline_types.go: `runAfter` plus
 * the tasks whose results it references), and whether it fans out by a `matrix`.
 * `finally` tasks have no edges: they run after the whole DAG. Undefined before
 * Tekton resolved the spec.
 *
 * @internal
 */
export function toSlimPipelineDag(
  pipelineSpec: unknown,
): SlimPipelineDagTask[] | undefined {
  const spec = record(pipelineSpec);
  if (!spec) {
    return undefined;
  }
  const names = new Set(
    list(spec.tasks).flatMap(t => {
      const name = str(record(t)?.name);
      return name ? [name] : [];
    }),
  );
  return list(spec.tasks).flatMap(item => {
    const task = record(item);
    const name = str(task?.name);
    if (!task || !name) {
      return [];
    }
    const after = [
      ...new Set([
        ...(strings(task.runAfter) ?? []),
        ...resultDependencies(task),
      ]),
    ].filter(dep => dep !== name && names.has(dep));
    const matrix = record(task.matrix);
    return [
      compact({
        name,
        after,
        matrix: matrix ? true : undefined,
      }),
    ];
  });
}
