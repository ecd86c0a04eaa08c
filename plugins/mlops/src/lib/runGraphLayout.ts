import type {
  MlopsPipelineRunSummary,
  MlopsSkippedTask,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import { isMlopsRunFinished } from '@backstage-mlops/plugin-mlops-common';
import { runStatusLabel, runStatusTone, type StatusTone } from './statusTone';

/**
 * A task of a run's graph with what it did in the run and its place in the drawing.
 *
 * @internal
 */
export interface RunGraphNode {
  name: string;
  finally: boolean;
  matrix: boolean;
  /** The tasks it waits for. */
  after: string[];
  /** Column (0 = tasks that wait for nothing; `finally` tasks after the DAG). */
  column: number;
  /** Row inside its column. */
  row: number;
  /** Its TaskRuns in the run (several for a matrix). */
  taskRuns: MlopsTaskRunSummary[];
  /** Why the run skipped it, when it did. */
  skipped?: MlopsSkippedTask;
  tone: StatusTone;
  /** The state in words, e.g. `Succeeded`, `Skipped`, `2 of 3 succeeded`. */
  state: string;
  /** `attempt 2 of 2` for a retried task. */
  attempts?: string;
}

/**
 * A run's graph laid out in columns: each task one column right of the last task it
 * waits for; `finally` tasks in a last column of their own.
 *
 * @internal
 */
export interface RunGraphLayout {
  nodes: RunGraphNode[];
  edges: Array<{ from: string; to: string }>;
  columns: number;
  rows: number;
  /** The column of the `finally` tasks, when the pipeline has any. */
  finallyColumn?: number;
}

function aggregate(
  runs: MlopsTaskRunSummary[],
  runFinished: boolean,
): Pick<RunGraphNode, 'tone' | 'state'> {
  if (runs.length === 0) {
    return runFinished
      ? { tone: 'aborted', state: 'Did not run' }
      : { tone: 'pending', state: 'Not started' };
  }
  if (runs.length === 1) {
    const [task] = runs;
    return task.failureIgnored
      ? { tone: 'warning', state: 'Failed (ignored)' }
      : {
          tone: runStatusTone(task.status),
          state: runStatusLabel(task.status),
        };
  }
  const count = (pred: (t: MlopsTaskRunSummary) => boolean) =>
    runs.filter(pred).length;
  const failed = count(
    t =>
      !t.failureIgnored && (t.status === 'Failed' || t.status === 'TimedOut'),
  );
  const succeeded = count(t => t.status === 'Succeeded');
  const running = count(t => t.status === 'Running');
  const pending = count(t => t.status === 'Pending');
  let tone: StatusTone = 'ok';
  if (failed > 0) {
    tone = 'error';
  } else if (running > 0) {
    tone = 'running';
  } else if (pending > 0) {
    tone = 'pending';
  } else if (succeeded < runs.length) {
    tone = 'warning';
  }
  const state =
    failed > 0
      ? `${failed} of ${runs.length} failed`
      : `${succeeded} of ${runs.length} succeeded`;
  return { tone, state };
}

function attemptsOf(runs: MlopsTaskRunSummary[]): string | undefined {
  if (runs.length !== 1) {
    return undefined;
  }
  const [task] = runs;
  const earlier = task.earlierAttempts?.length ?? 0;
  if (earlier === 0 && !task.retries) {
    return undefined;
  }
  const allowed = task.retries !== undefined ? task.retries + 1 : undefined;
  return allowed !== undefined
    ? `attempt ${earlier + 1} of ${allowed}`
    : `attempt ${earlier + 1}`;
}

/**
 * Lays out a run's graph (`run.graph`), or undefined when the run has none (Tekton
 * has not resolved its pipeline yet). A dependency cycle, which Tekton refuses, is
 * cut where it is found rather than looping.
 *
 * @internal
 */
export function layoutRunGraph(
  run: MlopsPipelineRunSummary,
): RunGraphLayout | undefined {
  const graph = run.graph;
  if (!graph || graph.length === 0) {
    return undefined;
  }
  const dagTasks = graph.filter(t => !t.finally);
  const byName = new Map(dagTasks.map(t => [t.name, t]));
  const columnOf = new Map<string, number>();
  const visiting = new Set<string>();
  const column = (name: string): number => {
    const known = columnOf.get(name);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(name)) {
      return 0;
    }
    visiting.add(name);
    const deps = (byName.get(name)?.after ?? []).filter(d => byName.has(d));
    const value = deps.length ? Math.max(...deps.map(column)) + 1 : 0;
    visiting.delete(name);
    columnOf.set(name, value);
    return value;
  };
  dagTasks.forEach(t => column(t.name));
  const dagColumns = dagTasks.length
    ? Math.max(...dagTasks.map(t => columnOf.get(t.name) ?? 0)) + 1
    : 0;
  const hasFinally = graph.some(t => t.finally);
  const finallyColumn = hasFinally ? dagColumns : undefined;
  const rowsUsed = new Map<number, number>();
  const finished = isMlopsRunFinished(run.status);
  const nodes = graph.map((task): RunGraphNode => {
    const col = task.finally ? dagColumns : columnOf.get(task.name) ?? 0;
    const row = rowsUsed.get(col) ?? 0;
    rowsUsed.set(col, row + 1);
    const taskRuns = run.taskRuns.filter(t => t.pipelineTask === task.name);
    const skipped = run.skippedTasks?.find(s => s.name === task.name);
    const status = skipped
      ? { tone: 'aborted' as const, state: 'Skipped' }
      : aggregate(taskRuns, finished);
    return {
      name: task.name,
      finally: task.finally === true,
      matrix: task.matrix === true || taskRuns.length > 1,
      after: task.after.filter(d => byName.has(d)),
      column: col,
      row,
      taskRuns,
      skipped,
      ...status,
      attempts: attemptsOf(taskRuns),
    };
  });
  const edges = nodes.flatMap(node =>
    node.after.map(from => ({ from, to: node.name })),
  );
  return {
    nodes,
    edges,
    columns: dagColumns + (hasFinally ? 1 : 0),
    rows: Math.max(...rowsUsed.values()),
    finallyColumn,
  };
}
