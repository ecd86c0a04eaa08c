import {
  aPipelineRun,
  aTaskRun,
  anInferenceService,
  at,
  aValidationJob,
  condition,
  T0,
} from '../mappers/testFixtures';
import {
  runFailureOf,
  servingStateOf,
  validationFailureOf,
} from './transitions';

const failed = condition(
  'Succeeded',
  'False',
  'Failed',
  'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 3',
);

describe('runFailureOf', () => {
  it('reads a run that failed on a task, with the task, its reason and message', () => {
    const run = aPipelineRun('r1', {
      succeeded: failed,
      tasks: ['train-model'],
      completionTime: at(60),
    });
    const taskRun = aTaskRun('r1', 'train-model', {
      succeeded: condition(
        'Succeeded',
        'False',
        'Failed',
        '"step-train" exited with code 1',
      ),
    });
    expect(runFailureOf(run, [taskRun])).toEqual({
      topic: 'training-failed',
      status: 'Failed',
      at: Date.parse(at(60)),
      task: 'train-model',
      reason: 'Failed',
      message: '"step-train" exited with code 1',
      complete: true,
    });
  });

  it('reads a failed task with a gate verdict as a candidate the gate blocked', () => {
    const run = aPipelineRun('r2', { succeeded: failed, tasks: ['gate'] });
    const taskRun = aTaskRun('r2', 'gate', {
      succeeded: condition('Succeeded', 'False', 'Failed'),
      results: [
        { name: 'gate', value: 'not promoted: accuracy 0.81 < served 0.86' },
      ],
    });
    expect(runFailureOf(run, [taskRun])).toMatchObject({
      topic: 'gate-blocked',
      task: 'gate',
      verdict: 'not promoted: accuracy 0.81 < served 0.86',
      complete: true,
    });
  });

  it('says it is incomplete while the failed TaskRun is not known', () => {
    const run = aPipelineRun('r3', { succeeded: failed, tasks: ['gate'] });
    expect(runFailureOf(run, [])).toMatchObject({
      topic: 'training-failed',
      complete: false,
      // Without a completion time, the condition's transition time.
      at: Date.parse(T0),
    });
  });

  it('reads a timed-out run as complete (the reason is its own)', () => {
    const run = aPipelineRun('r4', {
      succeeded: condition(
        'Succeeded',
        'False',
        'PipelineRunTimeout',
        'PipelineRun "r4" failed to finish within "1h0m0s"',
      ),
    });
    expect(runFailureOf(run, [])).toMatchObject({
      topic: 'training-failed',
      status: 'TimedOut',
      reason: 'PipelineRunTimeout',
      complete: true,
    });
  });

  it('tells nothing of runs that succeed, run or were cancelled', () => {
    for (const succeeded of [
      condition('Succeeded', 'True', 'Succeeded'),
      condition('Succeeded', 'Unknown', 'Running'),
      condition('Succeeded', 'False', 'Cancelled'),
    ]) {
      expect(runFailureOf(aPipelineRun('r', { succeeded }), [])).toBe(
        undefined,
      );
    }
  });
});

describe('validationFailureOf', () => {
  it('reads a failed job with the category its log names', () => {
    const job = aValidationJob('v1', {
      phase: 'Failed',
      message: 'Validation failed',
      completionTime: at(30),
    });
    expect(validationFailureOf(job, 'dependency_install_failed')).toEqual({
      topic: 'validation-failed',
      at: Date.parse(at(30)),
      category: 'dependency_install_failed',
      message: 'Validation failed',
    });
  });

  it('tells nothing of jobs that run or succeeded', () => {
    expect(
      validationFailureOf(aValidationJob('v2', { phase: 'Running' })),
    ).toBe(undefined);
    expect(
      validationFailureOf(aValidationJob('v3', { phase: 'Succeeded' })),
    ).toBe(undefined);
  });
});

describe('servingStateOf', () => {
  it('reads Ready True as ready, with the time it became so', () => {
    const isvc = anInferenceService({
      conditions: [condition('Ready', 'True')],
    });
    expect(servingStateOf(isvc)).toEqual({ state: 'ready', since: T0 });
  });

  it('reads Ready False as unready, with the failing condition', () => {
    const isvc = anInferenceService({
      conditions: [
        condition('Ready', 'False', 'PredictorNotReady'),
        condition(
          'PredictorReady',
          'False',
          'ModelLoadFailed',
          'model file not found',
        ),
      ],
    });
    expect(servingStateOf(isvc)).toMatchObject({
      state: 'unready',
      failingCondition: {
        type: 'PredictorReady',
        reason: 'ModelLoadFailed',
        message: 'model file not found',
      },
    });
  });

  it('has no state while KServe does not know yet', () => {
    expect(servingStateOf(anInferenceService(undefined))).toBe(undefined);
    expect(
      servingStateOf(
        anInferenceService({ conditions: [condition('Ready', 'Unknown')] }),
      ),
    ).toBe(undefined);
  });
});
