import type { MlopsTaskRunSummary } from '@backstage-mlops/plugin-mlops-common';
import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import type { SlimPipelineRun, SlimTaskRun } from '../kinds/tekton';
import {
  pipelineRunFixtures,
  taskRunFixtures,
  type ExpectedTask,
  type PipelineRunFixture,
} from './corpus';
import {
  pipelineRunFinishedReason,
  readPipelineRun,
  readStep,
  readTaskRun,
  taskRunStatusOf,
  trainingPipelineOf,
  type PipelineRunReading,
} from './tekton';

function slimRun(raw: unknown): SlimPipelineRun {
  const run = toSlimMlopsObject('pipelineruns', raw);
  if (!run) throw new Error('the fixture has no valid metadata');
  return run;
}

function slimTaskRun(raw: unknown): SlimTaskRun {
  const taskRun = toSlimMlopsObject('taskruns', raw);
  if (!taskRun) throw new Error('the fixture has no valid metadata');
  return taskRun;
}

/** A task as the corpus states it. */
function observeTask(task: MlopsTaskRunSummary, withSteps: boolean) {
  return {
    pipelineTask: task.pipelineTask,
    status: task.status,
    finally: Boolean(task.finally),
    failureIgnored: Boolean(task.failureIgnored),
    earlierAttempts: task.earlierAttempts?.length ?? 0,
    steps: withSteps
      ? task.steps.map(step =>
          step.failureIgnored ? `${step.state}-ignored` : step.state,
        )
      : undefined,
  };
}

function expectedTask(task: ExpectedTask) {
  return {
    pipelineTask: task.pipelineTask,
    status: task.status,
    finally: Boolean(task.finally),
    failureIgnored: Boolean(task.failureIgnored),
    earlierAttempts: task.earlierAttempts ?? 0,
    steps: task.steps,
  };
}

/**
 * The cause as far as the corpus states it; a cause the fixture does not state (nor
 * rule out) is reported, so every case that has one must say which.
 */
function observeCause(
  fixture: PipelineRunFixture,
  reading: PipelineRunReading,
) {
  const e = fixture.expect;
  if (e.cause) {
    return {
      task: reading.cause?.task ?? null,
      finally: Boolean(reading.cause?.finally),
      reason: e.cause.reason ? reading.cause?.reason : undefined,
      message: e.cause.message ? reading.cause?.message : undefined,
    };
  }
  if (reading.cause && !e.noCause) {
    return 'a cause the corpus does not state';
  }
  return reading.cause;
}

/** What the corpus states of a run, observed in the reading. */
function observeRun(
  fixture: PipelineRunFixture,
  reading: PipelineRunReading,
  run: SlimPipelineRun,
) {
  const e = fixture.expect;
  return {
    status: reading.status,
    reason: e.reason === undefined ? undefined : reading.reason,
    cause: observeCause(fixture, reading),
    tasks: e.tasks
      ? reading.tasks.map((task, i) =>
          observeTask(task, Boolean(e.tasks![i]?.steps)),
        )
      : undefined,
    skipped: e.skipped
      ? reading.skippedTasks.map(s => ({
          name: s.name,
          reason: s.reason,
          finally: Boolean(s.finally),
          when: Boolean(s.when?.length),
        }))
      : undefined,
    counts: e.counts ? reading.counts : undefined,
    trainingPipeline: trainingPipelineOf(run) ?? null,
    finallyLast: reading.tasks.every(
      (task, i) =>
        !task.finally || reading.tasks.slice(i).every(t => t.finally),
    ),
  };
}

function expectedRun(fixture: PipelineRunFixture) {
  const e = fixture.expect;
  return {
    status: e.status,
    reason: e.reason,
    cause: e.cause
      ? {
          task: e.cause.task,
          finally: Boolean(e.cause.finally),
          reason: e.cause.reason,
          message: e.cause.message
            ? expect.stringMatching(e.cause.message)
            : undefined,
        }
      : undefined,
    tasks: e.tasks?.map(expectedTask),
    skipped: e.skipped?.map(s => ({
      name: s.name,
      reason: s.reason,
      finally: Boolean(s.finally),
      when: Boolean(s.when),
    })),
    counts: e.counts ? expect.objectContaining(e.counts) : undefined,
    trainingPipeline: e.trainingPipeline,
    finallyLast: true,
  };
}

describe('the Tekton vocabulary over the corpus', () => {
  it.each(pipelineRunFixtures.map(f => [f.id, f] as const))(
    '%s',
    (_id, fixture) => {
      const run = slimRun(fixture.run);
      const reading = readPipelineRun(run, fixture.taskRuns.map(slimTaskRun));
      expect(observeRun(fixture, reading, run)).toEqual(expectedRun(fixture));
    },
  );

  it.each(taskRunFixtures.map(f => [f.id, f] as const))(
    '%s',
    (_id, fixture) => {
      const task = readTaskRun(slimTaskRun(fixture.taskRun));
      expect(observeTask(task, Boolean(fixture.expect.steps))).toEqual(
        expectedTask(fixture.expect),
      );
    },
  );
});

describe('the Tekton vocabulary', () => {
  const fixture = (id: string) => pipelineRunFixtures.find(f => f.id === id)!;

  it('says when and why a run finished, for the cluster writes', () => {
    expect(
      pipelineRunFinishedReason(
        slimRun(fixture('pipelinerun-task-failed').run),
      ),
    ).toBe('Failed');
    expect(
      pipelineRunFinishedReason(slimRun(fixture('pipelinerun-running').run)),
    ).toBeUndefined();
  });

  it('keeps a child reference whose TaskRun is gone: Unknown once the run finished', () => {
    const run = slimRun(fixture('pipelinerun-task-failed').run);
    expect(readPipelineRun(run, []).tasks).toEqual([
      expect.objectContaining({
        pipelineTask: 'train-model',
        status: 'Unknown',
      }),
    ]);
  });

  it('finds the finally tasks in the resolved pipeline when the TaskRuns carry no memberOf label', () => {
    const withFinally = fixture('pipelinerun-failed-with-finally');
    const taskRuns = withFinally.taskRuns.map(slimTaskRun).map(tr => ({
      ...tr,
      metadata: {
        ...tr.metadata,
        labels: Object.fromEntries(
          Object.entries(tr.metadata.labels ?? {}).filter(
            ([key]) => key !== 'tekton.dev/memberOf',
          ),
        ),
      },
    }));
    const reading = readPipelineRun(slimRun(withFinally.run), taskRuns);
    expect(reading.tasks.at(-1)).toEqual(
      expect.objectContaining({ pipelineTask: 'report-result', finally: true }),
    );
  });

  it('reads a step without a terminationReason by its container state', () => {
    expect(
      readStep({
        name: 'train',
        terminated: { exitCode: 0, reason: 'Completed' },
      }),
    ).toEqual({
      name: 'train',
      state: 'succeeded',
      exitCode: 0,
      reason: 'Completed',
    });
    expect(
      readStep({ name: 'x', waiting: { reason: 'PodInitializing' } }),
    ).toEqual({ name: 'x', state: 'waiting', reason: 'PodInitializing' });
  });

  it('keeps the image a step ran, by digest (the step state imageID Tekton records)', () => {
    expect(
      readStep({
        name: 'train',
        imageID: 'quay.io/org/nb@sha256:0123',
        running: { startedAt: '2026-05-01T10:00:00Z' },
      }),
    ).toEqual({
      name: 'train',
      state: 'running',
      imageID: 'quay.io/org/nb@sha256:0123',
    });
  });

  it("gives the failed task's verdict when it gates promotion (its result 'gate')", () => {
    const failed = fixture('pipelinerun-task-failed');
    const verdict = 'not promoted: accuracy 0.81 < served 0.86 − 0.02';
    const taskRuns = failed.taskRuns.map(slimTaskRun).map(tr => ({
      ...tr,
      status: {
        ...tr.status,
        results: [{ name: 'gate', value: verdict }],
      },
    }));
    const run = slimRun(failed.run);
    expect(readPipelineRun(run, taskRuns).cause).toEqual(
      expect.objectContaining({ task: 'train-model', verdict }),
    );
    expect(
      readPipelineRun(run, failed.taskRuns.map(slimTaskRun)).cause,
    ).not.toHaveProperty('verdict');
  });

  it('reads a TaskRun asked to cancel but not yet cancelled as Cancelling', () => {
    const taskRun = slimTaskRun(fixture('pipelinerun-running').taskRuns[0]);
    expect(
      taskRunStatusOf({
        ...taskRun,
        spec: { ...taskRun.spec, status: 'TaskRunCancelled' },
      }),
    ).toBe('Cancelling');
  });
});
