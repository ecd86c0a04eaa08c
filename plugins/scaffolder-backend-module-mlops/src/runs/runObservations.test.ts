import {
  observeBuild,
  observePipelineRun,
  observeValidationJob,
} from './runObservations';

const metadata = {
  name: 'r',
  namespace: 'ml',
  uid: 'u',
  resourceVersion: '1',
};

function run(condition?: Record<string, string>, spec = {}) {
  return {
    metadata,
    spec,
    status: condition ? { conditions: [condition] } : {},
  };
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
      {
        type: 'Succeeded',
        status: 'Unknown',
        reason: 'CancelledRunningFinally',
      },
      'Cancelling',
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

  it('gives the cause as detail, and refuses a malformed status', () => {
    expect(
      observePipelineRun(
        run({
          type: 'Succeeded',
          status: 'False',
          reason: 'CouldntGetPipeline',
          message: 'pipelines.tekton.dev "x" not found',
        }),
        'r',
      ).detail,
    ).toBe('CouldntGetPipeline: pipelines.tekton.dev "x" not found');
    expect(() =>
      observePipelineRun(
        { metadata, status: { conditions: 'x' } },
        'PipelineRun ml/r',
      ),
    ).toThrow(/^PipelineRun ml\/r has a status of an unexpected shape: /);
  });
});

describe('observeValidationJob and observeBuild', () => {
  it('finish only in their terminal phases', () => {
    const phases = (observe: typeof observeBuild, list: string[]) =>
      list.filter(
        phase => observe({ metadata, status: { phase } }, 'x').finished,
      );
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
    expect(observeValidationJob({ metadata }, 'x').status).toBe('Pending');
    expect(
      observeBuild(
        {
          metadata,
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
