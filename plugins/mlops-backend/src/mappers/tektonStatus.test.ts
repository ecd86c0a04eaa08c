import type { MlopsRunStatus } from '@backstage-mlops/plugin-mlops-common';
import { pipelineRunStatus, taskRunStatus } from './tektonStatus';
import { aPipelineRun, aTaskRun, condition } from './testFixtures';

function runWith(status: string, reason?: string, specStatus?: string) {
  return aPipelineRun('train-x', {
    succeeded: condition('Succeeded', status, reason),
    specStatus,
  });
}

describe('pipelineRunStatus', () => {
  // Every row of the PipelineRun reason table (cluster-apis.md, Tekton section).
  it.each<[string, string, MlopsRunStatus]>([
    ['Unknown', 'Started', 'Running'],
    ['Unknown', 'Running', 'Running'],
    ['Unknown', 'PipelineRunPending', 'Pending'],
    ['Unknown', 'ResolvingPipelineRef', 'Pending'],
    ['Unknown', 'PipelineRunStopping', 'Cancelling'],
    ['Unknown', 'CancelledRunningFinally', 'Cancelling'],
    ['Unknown', 'StoppedRunningFinally', 'Cancelling'],
    ['Unknown', 'PipelineRunTimeoutRunningFinally', 'Running'],
    ['Unknown', 'Cancelled', 'Cancelling'],
    ['True', 'Succeeded', 'Succeeded'],
    ['True', 'Completed', 'Succeeded'],
    ['False', 'Failed', 'Failed'],
    ['False', 'Cancelled', 'Cancelled'],
    ['False', 'PipelineRunCancelled', 'Cancelled'],
    ['False', 'PipelineRunTimeout', 'TimedOut'],
    ['False', 'CreateRunFailed', 'Failed'],
    ['False', 'CouldntGetPipeline', 'Failed'],
    ['False', 'PipelineValidationFailed', 'Failed'],
    ['False', 'ParameterMissing', 'Failed'],
    ['False', 'InvalidWorkspaceBindings', 'Failed'],
    ['False', 'CouldntGetTask', 'Failed'],
    ['False', 'PipelineInvalidGraph', 'Failed'],
    ['False', 'ResourceVerificationFailed', 'Failed'],
    ['False', 'CELEvaluationFailed', 'Failed'],
    ['False', 'InvalidParamValue', 'Failed'],
    ['False', 'SomeFutureReason', 'Failed'],
  ])('Succeeded=%s reason %s → %s', (status, reason, expected) => {
    expect(pipelineRunStatus(runWith(status, reason))).toBe(expected);
  });

  it('is Pending before the controller has reported', () => {
    expect(pipelineRunStatus(aPipelineRun('train-x'))).toBe('Pending');
    expect(
      pipelineRunStatus(
        aPipelineRun('train-x', { specStatus: 'PipelineRunPending' }),
      ),
    ).toBe('Pending');
  });

  it.each(['Cancelled', 'CancelledRunFinally', 'StoppedRunFinally'])(
    'is Cancelling once spec.status is %s and the run has not ended',
    specStatus => {
      expect(pipelineRunStatus(runWith('Unknown', 'Running', specStatus))).toBe(
        'Cancelling',
      );
      expect(pipelineRunStatus(aPipelineRun('train-x', { specStatus }))).toBe(
        'Cancelling',
      );
    },
  );

  it('keeps the final status when a cancel arrives after the end', () => {
    expect(pipelineRunStatus(runWith('True', 'Succeeded', 'Cancelled'))).toBe(
      'Succeeded',
    );
    expect(pipelineRunStatus(runWith('False', 'Cancelled', 'Cancelled'))).toBe(
      'Cancelled',
    );
  });

  it('is Failed for a failure without a reason, Unknown for a malformed status', () => {
    expect(pipelineRunStatus(runWith('False'))).toBe('Failed');
    expect(pipelineRunStatus(runWith('Maybe', 'Running'))).toBe('Unknown');
  });
});

describe('taskRunStatus', () => {
  function taskRunWith(status: string, reason: string, specStatus?: string) {
    return aTaskRun('train-x', 'train-model', {
      succeeded: condition('Succeeded', status, reason),
      specStatus,
    });
  }

  // Every TaskRun reason of the reference.
  it.each<[string, string, MlopsRunStatus]>([
    ['Unknown', 'Started', 'Running'],
    ['Unknown', 'Running', 'Running'],
    ['Unknown', 'Pending', 'Pending'],
    ['Unknown', 'TaskRunPending', 'Pending'],
    ['Unknown', 'ExceededResourceQuota', 'Pending'],
    ['Unknown', 'ToBeRetried', 'Running'],
    ['True', 'Succeeded', 'Succeeded'],
    ['False', 'Failed', 'Failed'],
    ['False', 'TaskRunCancelled', 'Cancelled'],
    ['False', 'TaskRunTimeout', 'TimedOut'],
    ['False', 'TaskRunImagePullFailed', 'Failed'],
    ['False', 'CreateContainerConfigError', 'Failed'],
    ['False', 'PodCreationFailed', 'Failed'],
    ['False', 'StepOOM', 'Failed'],
    ['False', 'PodEvicted', 'Failed'],
    ['False', 'TaskRunResolutionFailed', 'Failed'],
    ['False', 'TaskRunValidationFailed', 'Failed'],
    ['False', 'FailureIgnored', 'Failed'],
  ])('Succeeded=%s reason %s → %s', (status, reason, expected) => {
    expect(taskRunStatus(taskRunWith(status, reason))).toBe(expected);
  });

  it('is Cancelling while spec.status TaskRunCancelled is not yet acted on', () => {
    expect(
      taskRunStatus(taskRunWith('Unknown', 'Running', 'TaskRunCancelled')),
    ).toBe('Cancelling');
  });

  it('is Pending without a condition', () => {
    expect(taskRunStatus(aTaskRun('train-x', 'train-model'))).toBe('Pending');
  });
});
