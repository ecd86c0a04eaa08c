import { toPipelineRunSummary } from './pipelineRun';
import {
  aPipelineRun,
  aTaskRun,
  at,
  condition,
  terminatedStep,
} from './testFixtures';

const TASKS = [
  'train-model',
  'health-check',
  'deploy-model',
  'post-deployment-check',
];

function succeededTaskRun(
  run: string,
  task: string,
  start: number,
  end: number,
) {
  return aTaskRun(run, task, {
    succeeded: condition('Succeeded', 'True', 'Succeeded'),
    startTime: at(start),
    completionTime: at(end),
    steps: [terminatedStep('run', 0, 'Completed')],
  });
}

describe('toPipelineRunSummary', () => {
  it('maps a run that succeeded, with its TaskRuns in order', () => {
    const run = aPipelineRun('train-anomaly-detector-bc4dk', {
      labels: { 'triggered-by': 'cronjob' },
      succeeded: condition(
        'Succeeded',
        'True',
        'Succeeded',
        'Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 0',
      ),
      startTime: at(0),
      completionTime: at(600),
      tasks: TASKS,
      results: [
        { name: 'model-health', value: 'healthy' },
        { name: 'endpoint-status', value: '200' },
      ],
    });
    const taskRuns = [
      succeededTaskRun(run.metadata.name, 'post-deployment-check', 560, 600),
      succeededTaskRun(run.metadata.name, 'train-model', 0, 400),
      succeededTaskRun(run.metadata.name, 'deploy-model', 460, 550),
      succeededTaskRun(run.metadata.name, 'health-check', 410, 450),
      // another run's TaskRun, and a same-named one in another namespace
      succeededTaskRun('train-other', 'train-model', 0, 10),
      aTaskRun(run.metadata.name, 'train-model', { namespace: 'elsewhere' }),
    ];
    const summary = toPipelineRunSummary(run, taskRuns);
    expect(summary).toEqual({
      name: 'train-anomaly-detector-bc4dk',
      namespace: 'mlops-demo',
      pipeline: 'model-training-pipeline',
      modelName: 'anomaly-detector',
      status: 'Succeeded',
      reason: 'Succeeded',
      message: 'Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 0',
      createdAt: at(0),
      startedAt: at(0),
      completedAt: at(600),
      durationSeconds: 600,
      trigger: { type: 'cron' },
      params: [
        { name: 'model-name', value: 'anomaly-detector' },
        { name: 'data-source', value: 'prometheus' },
        { name: 'health-check-enabled', value: 'true' },
      ],
      results: [
        { name: 'model-health', value: 'healthy' },
        { name: 'endpoint-status', value: '200' },
      ],
      tasks: {
        total: 4,
        succeeded: 4,
        failed: 0,
        running: 0,
        skipped: 0,
        ignored: 0,
      },
      taskRuns: expect.any(Array),
      skippedTasks: [],
    });
    expect(summary.taskRuns.map(t => t.pipelineTask)).toEqual(TASKS);
    // plain JSON: no undefined fields, nothing lost on the wire
    expect(JSON.parse(JSON.stringify(summary))).toStrictEqual(summary);
  });

  it('names the model a run trains only from a valid model-name label', () => {
    const summary = (labels: Record<string, string>) =>
      toPipelineRunSummary(aPipelineRun('train-x', { labels }), []);
    expect(summary({ 'model-name': 'churn-predictor' }).modelName).toBe(
      'churn-predictor',
    );
    expect(summary({ 'model-name': 'not a label!' })).not.toHaveProperty(
      'modelName',
    );
    expect(summary({ 'model-name': '' })).not.toHaveProperty('modelName');
  });

  it('counts a run that failed at the health check, with the rest skipped', () => {
    const name = 'train-predictive-analytics-x7k2p';
    const run = aPipelineRun(name, {
      succeeded: condition(
        'Succeeded',
        'False',
        'Failed',
        'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 2',
      ),
      startTime: at(0),
      completionTime: at(450),
      tasks: ['train-model', 'health-check'],
      skippedTasks: ['deploy-model', 'post-deployment-check'],
      skippedReason: 'PipelineRun was stopping',
    });
    const summary = toPipelineRunSummary(run, [
      succeededTaskRun(name, 'train-model', 0, 400),
      aTaskRun(name, 'health-check', {
        succeeded: condition(
          'Succeeded',
          'False',
          'StepFailed',
          '"step-test-model-load" exited with code 1: Error',
        ),
        startTime: at(410),
        completionTime: at(450),
      }),
    ]);
    expect(summary.status).toBe('Failed');
    expect(summary.cause).toEqual({
      task: 'health-check',
      reason: 'StepFailed',
      message: '"step-test-model-load" exited with code 1: Error',
    });
    expect(summary.skippedTasks).toEqual([
      { name: 'deploy-model', reason: 'PipelineRun was stopping' },
      { name: 'post-deployment-check', reason: 'PipelineRun was stopping' },
    ]);
    expect(summary.tasks).toEqual({
      total: 4,
      succeeded: 1,
      failed: 1,
      running: 0,
      skipped: 2,
      ignored: 0,
    });
  });

  it('counts tasks not started yet from the condition message of a running run', () => {
    const name = 'train-churn-predictor-9f2kd';
    const run = aPipelineRun(name, {
      succeeded: condition(
        'Succeeded',
        'Unknown',
        'Running',
        'Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0',
      ),
      startTime: at(0),
      tasks: ['train-model', 'health-check'],
    });
    const summary = toPipelineRunSummary(run, [
      succeededTaskRun(name, 'train-model', 0, 400),
      aTaskRun(name, 'health-check', {
        succeeded: condition('Succeeded', 'Unknown', 'Running'),
        startTime: at(410),
      }),
    ]);
    expect(summary.status).toBe('Running');
    expect(summary.durationSeconds).toBeUndefined();
    expect(summary.completedAt).toBeUndefined();
    expect(summary.tasks).toEqual({
      total: 4,
      succeeded: 1,
      failed: 0,
      running: 1,
      skipped: 0,
      ignored: 0,
    });
  });

  it('keeps child references whose TaskRun is not cached (scale data, pruned runs)', () => {
    const finished = aPipelineRun('train-model-001-00042', {
      succeeded: condition(
        'Succeeded',
        'False',
        'Cancelled',
        'PipelineRun "train-model-001-00042" was cancelled',
      ),
      specStatus: 'Cancelled',
      startTime: at(0),
      completionTime: at(90),
      tasks: ['train-model', 'health-check'],
    });
    const summary = toPipelineRunSummary(finished, []);
    expect(summary.status).toBe('Cancelled');
    expect(summary.durationSeconds).toBe(90);
    expect(summary.taskRuns).toEqual([
      {
        name: 'train-model-001-00042-train-model',
        pipelineTask: 'train-model',
        status: 'Unknown',
        steps: [],
        results: [],
      },
      {
        name: 'train-model-001-00042-health-check',
        pipelineTask: 'health-check',
        status: 'Unknown',
        steps: [],
        results: [],
      },
    ]);
    expect(summary.tasks).toEqual({
      total: 2,
      succeeded: 0,
      failed: 0,
      running: 0,
      skipped: 0,
      ignored: 0,
    });

    const running = aPipelineRun('train-y', {
      succeeded: condition('Succeeded', 'Unknown', 'Running'),
      startTime: at(0),
      tasks: ['train-model'],
    });
    expect(toPipelineRunSummary(running, []).taskRuns[0].status).toBe(
      'Pending',
    );
  });

  it('shows a cancel in progress, and a run that timed out', () => {
    const cancelling = aPipelineRun('train-c', {
      specStatus: 'CancelledRunFinally',
      succeeded: condition('Succeeded', 'Unknown', 'CancelledRunningFinally'),
      startTime: at(0),
    });
    expect(toPipelineRunSummary(cancelling, []).status).toBe('Cancelling');

    const timedOut = aPipelineRun('train-t', {
      succeeded: condition(
        'Succeeded',
        'False',
        'PipelineRunTimeout',
        'PipelineRun "train-t" failed to finish within "1h0m0s"',
      ),
      startTime: at(0),
      completionTime: at(3600),
      tasks: ['train-model'],
    });
    const summary = toPipelineRunSummary(timedOut, [
      aTaskRun('train-t', 'train-model', {
        succeeded: condition('Succeeded', 'False', 'TaskRunCancelled'),
        startTime: at(0),
        completionTime: at(3600),
      }),
    ]);
    expect(summary).toMatchObject({
      status: 'TimedOut',
      reason: 'PipelineRunTimeout',
      durationSeconds: 3600,
      tasks: { total: 1, failed: 1 },
    });
  });

  it('lists TaskRuns the run status does not reference yet, by start time', () => {
    const run = aPipelineRun('train-z', {
      succeeded: condition('Succeeded', 'Unknown', 'Running'),
      startTime: at(0),
    });
    const summary = toPipelineRunSummary(run, [
      aTaskRun('train-z', 'health-check', { startTime: at(20) }),
      aTaskRun('train-z', 'train-model', { startTime: at(1) }),
    ]);
    expect(summary.taskRuns.map(t => t.pipelineTask)).toEqual([
      'train-model',
      'health-check',
    ]);
    expect(summary.tasks.running).toBe(2);
  });

  it('maps a run that has only been created', () => {
    const run = aPipelineRun('train-new', { createdAt: at(5) });
    expect(toPipelineRunSummary(run, [])).toEqual({
      name: 'train-new',
      namespace: 'mlops-demo',
      pipeline: 'model-training-pipeline',
      modelName: 'anomaly-detector',
      status: 'Pending',
      createdAt: at(5),
      trigger: { type: 'unknown' },
      params: expect.any(Array),
      results: [],
      tasks: {
        total: 0,
        succeeded: 0,
        failed: 0,
        running: 0,
        skipped: 0,
        ignored: 0,
      },
      taskRuns: [],
      skippedTasks: [],
    });
  });
});
