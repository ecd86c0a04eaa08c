import {
  observeBuild,
  observePipelineRun,
  observeValidationJob,
} from './runObservations';

function run(condition?: Record<string, string>) {
  return { status: condition ? { conditions: [condition] } : {} };
}

describe('observePipelineRun', () => {
  it.each([
    [undefined, 'Pending', false],
    [
      { type: 'Succeeded', status: 'Unknown', reason: 'Running' },
      'Running',
      false,
    ],
    [
      { type: 'Succeeded', status: 'Unknown', reason: 'PipelineRunPending' },
      'Pending',
      false,
    ],
    [
      { type: 'Succeeded', status: 'True', reason: 'Completed' },
      'Succeeded',
      true,
    ],
    [{ type: 'Succeeded', status: 'False', reason: 'Failed' }, 'Failed', true],
    [
      { type: 'Succeeded', status: 'False', reason: 'Cancelled' },
      'Cancelled',
      true,
    ],
    [
      { type: 'Succeeded', status: 'False', reason: 'PipelineRunTimeout' },
      'TimedOut',
      true,
    ],
    [
      { type: 'Succeeded', status: 'False', reason: 'CouldntGetPipeline' },
      'Failed',
      true,
    ],
  ])('%j is %s', (condition, status, finished) => {
    expect(observePipelineRun(run(condition), 'r')).toEqual(
      expect.objectContaining({ status, finished }),
    );
  });

  it('keeps the reason and message as detail, and refuses a malformed status', () => {
    expect(
      observePipelineRun(
        run({
          type: 'Succeeded',
          status: 'False',
          reason: 'Failed',
          message: 'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 3',
        }),
        'r',
      ).detail,
    ).toBe('Failed: Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 3');
    expect(() =>
      observePipelineRun({ status: { conditions: 'x' } }, 'PipelineRun ml/r'),
    ).toThrow(/^PipelineRun ml\/r has a status of an unexpected shape: /);
  });
});

describe('observeValidationJob and observeBuild', () => {
  it('finish only in their terminal phases', () => {
    const phases = (observe: typeof observeBuild, list: string[]) =>
      list.filter(phase => observe({ status: { phase } }, 'x').finished);
    expect(
      phases(observeValidationJob, [
        'Initializing',
        'Building',
        'BuildComplete',
        'ValidationRunning',
        'Pending',
        'Running',
        'Succeeded',
        'Failed',
      ]),
    ).toEqual(['Succeeded', 'Failed']);
    expect(
      phases(observeBuild, [
        'New',
        'Pending',
        'Running',
        'Complete',
        'Failed',
        'Error',
        'Cancelled',
      ]),
    ).toEqual(['Complete', 'Failed', 'Error', 'Cancelled']);
    expect(observeValidationJob({}, 'x').status).toBe('Pending');
    expect(
      observeBuild(
        {
          status: {
            phase: 'Failed',
            reason: 'DockerBuildFailed',
            message: 'm',
          },
        },
        'x',
      ),
    ).toEqual({
      status: 'Failed',
      finished: true,
      detail: 'DockerBuildFailed: m',
    });
  });
});
