import { healthCheckResults } from './healthChecks';
import { aPipelineRun, aTaskRun, at, condition } from './testFixtures';

const REASON_OF_OUTCOME = {
  True: 'Succeeded',
  False: 'Failed',
  Unknown: 'Running',
} as const;

function check(
  run: string,
  task: string,
  outcome: keyof typeof REASON_OF_OUTCOME,
  completedAt: number | undefined,
  results: Array<{ name: string; value: string }> = [],
) {
  return aTaskRun(run, task, {
    succeeded: condition('Succeeded', outcome, REASON_OF_OUTCOME[outcome]),
    startTime: at((completedAt ?? 1000) - 30),
    completionTime: completedAt === undefined ? undefined : at(completedAt),
    results,
  });
}

const HEALTHY = [
  { name: 'model-health', value: 'healthy' },
  { name: 'model-size-bytes', value: '81234' },
  { name: 'prediction-shape', value: '(10,)' },
];

describe('healthCheckResults', () => {
  const runs = ['train-a', 'train-b', 'train-c'].map(name =>
    aPipelineRun(name),
  );

  it('gives the latest finished result of each health-check task', () => {
    const results = healthCheckResults(runs, [
      check('train-a', 'health-check', 'True', 100, HEALTHY),
      check('train-b', 'health-check', 'False', 300),
      check('train-a', 'post-deployment-check', 'True', 200, [
        { name: 'endpoint-status', value: '200' },
        { name: 'latency-ms', value: '23' },
      ]),
      check('train-c', 'health-check', 'Unknown', undefined),
      check('train-a', 'train-model', 'True', 50),
    ]);
    expect(results).toEqual([
      {
        pipelineRun: 'train-b',
        task: 'health-check',
        status: 'Failed',
        completedAt: at(300),
        results: [],
      },
      {
        pipelineRun: 'train-a',
        task: 'post-deployment-check',
        status: 'Succeeded',
        completedAt: at(200),
        results: [
          { name: 'endpoint-status', value: '200' },
          { name: 'latency-ms', value: '23' },
        ],
      },
    ]);
  });

  it('shows a running check while none has finished', () => {
    expect(
      healthCheckResults(runs, [
        check('train-c', 'health-check', 'Unknown', undefined),
      ]),
    ).toEqual([
      {
        pipelineRun: 'train-c',
        task: 'health-check',
        status: 'Running',
        results: [],
      },
    ]);
  });

  it('ignores TaskRuns of runs not given (another model) and in other namespaces', () => {
    expect(
      healthCheckResults(runs, [
        check('train-of-another-model', 'health-check', 'True', 500, HEALTHY),
        aTaskRun('train-a', 'health-check', { namespace: 'elsewhere' }),
      ]),
    ).toEqual([]);
  });

  it('finds unlabelled TaskRuns through the runs’ child references', () => {
    const run = aPipelineRun('train-d', { tasks: ['health-check'] });
    const taskRun = aTaskRun('train-d', 'health-check', {
      unlabelled: true,
      succeeded: condition('Succeeded', 'True', 'Succeeded'),
      completionTime: at(10),
      results: HEALTHY,
    });
    expect(healthCheckResults([run], [taskRun])).toEqual([
      {
        pipelineRun: 'train-d',
        task: 'health-check',
        status: 'Succeeded',
        completedAt: at(10),
        results: HEALTHY,
      },
    ]);
  });

  it('is empty when health checks were skipped', () => {
    expect(
      healthCheckResults(runs, [check('train-a', 'train-model', 'True', 50)]),
    ).toEqual([]);
  });
});
