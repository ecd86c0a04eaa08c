import { toStepSummary, toTaskRunSummary } from './taskRun';
import {
  aTaskRun,
  at,
  condition,
  runningStep,
  terminatedStep,
  waitingStep,
} from './testFixtures';

describe('toStepSummary', () => {
  it('maps waiting, running, succeeded, failed and skipped steps', () => {
    expect(toStepSummary(waitingStep('fetch'))).toEqual({
      name: 'fetch',
      state: 'waiting',
      reason: 'PodInitializing',
    });
    expect(toStepSummary(runningStep('train'))).toEqual({
      name: 'train',
      state: 'running',
    });
    expect(
      toStepSummary(
        terminatedStep('check-model-file', 0, 'Completed', {
          startedAt: at(0),
          finishedAt: at(42),
        }),
      ),
    ).toEqual({
      name: 'check-model-file',
      state: 'succeeded',
      exitCode: 0,
      reason: 'Completed',
      durationSeconds: 42,
    });
    expect(
      toStepSummary(terminatedStep('test-model-load', 137, 'OOMKilled')),
    ).toEqual({
      name: 'test-model-load',
      state: 'failed',
      exitCode: 137,
      reason: 'OOMKilled',
      durationSeconds: 10,
    });
    expect(
      toStepSummary(terminatedStep('test-predictions', 1, 'Skipped')),
    ).toEqual({
      name: 'test-predictions',
      state: 'skipped',
      exitCode: 1,
      reason: 'Skipped',
    });
  });

  it('treats a terminated step without exit code as succeeded only when Completed', () => {
    expect(
      toStepSummary({ name: 'a', terminated: { reason: 'Completed' } }).state,
    ).toBe('succeeded');
    expect(
      toStepSummary({ name: 'b', terminated: { reason: 'Error' } }).state,
    ).toBe('failed');
  });
});

describe('toTaskRunSummary', () => {
  it('maps a failed health check as the simulator leaves it', () => {
    const taskRun = aTaskRun('train-x', 'health-check', {
      succeeded: condition(
        'Succeeded',
        'False',
        'Failed',
        '"step-test-model-load" exited with code 1',
      ),
      startTime: at(0),
      completionTime: at(35),
      steps: [
        terminatedStep('check-model-file', 0, 'Completed'),
        terminatedStep('test-model-load', 1, 'Error'),
        terminatedStep('test-predictions', 1, 'Skipped'),
      ],
    });
    expect(toTaskRunSummary(taskRun)).toEqual({
      name: 'train-x-health-check',
      pipelineTask: 'health-check',
      status: 'Failed',
      reason: 'Failed',
      message: '"step-test-model-load" exited with code 1',
      startedAt: at(0),
      completedAt: at(35),
      durationSeconds: 35,
      podName: 'train-x-health-check-pod',
      steps: [
        expect.objectContaining({
          name: 'check-model-file',
          state: 'succeeded',
        }),
        expect.objectContaining({ name: 'test-model-load', state: 'failed' }),
        expect.objectContaining({ name: 'test-predictions', state: 'skipped' }),
      ],
      results: [],
    });
  });

  it('has no duration while running, and reads results of every type', () => {
    const summary = toTaskRunSummary(
      aTaskRun('train-x', 'post-deployment-check', {
        succeeded: condition('Succeeded', 'Unknown', 'Running'),
        startTime: at(0),
        results: [
          { name: 'endpoint-status', value: '200' },
          { name: 'latencies', value: ['8', '12'] },
          { name: 'report', value: { p95: '12', ok: true } },
          { name: 'count', value: 3 },
        ],
      }),
    );
    expect(summary.status).toBe('Running');
    expect(summary.durationSeconds).toBeUndefined();
    expect(summary.results).toEqual([
      { name: 'endpoint-status', value: '200' },
      { name: 'latencies', value: ['8', '12'] },
      { name: 'report', value: { p95: '12', ok: 'true' } },
      { name: 'count', value: '3' },
    ]);
  });

  it('takes the pipeline task from the child reference when unlabelled', () => {
    const taskRun = aTaskRun('train-x', 'deploy-model', { unlabelled: true });
    expect(toTaskRunSummary(taskRun, 'deploy-model').pipelineTask).toBe(
      'deploy-model',
    );
    expect(toTaskRunSummary(taskRun).pipelineTask).toBe('task-of-deploy-model');
  });
});
