import { compareMlopsRuns } from './runComparison';
import {
  mlopsBestMetricValue,
  mlopsMetricDirection,
} from './wire/modelMetrics';
import type { MlopsPipelineRunSummary } from './wire/pipelineRun';

function run(
  name: string,
  overrides: Partial<MlopsPipelineRunSummary>,
): MlopsPipelineRunSummary {
  return {
    name,
    namespace: 'ns',
    pipeline: 'p',
    status: 'Succeeded',
    createdAt: '2026-05-01T10:00:00Z',
    trigger: { type: 'cron' },
    params: [],
    results: [],
    tasks: { total: 0, succeeded: 0, failed: 0, running: 0, skipped: 0 },
    taskRuns: [],
    ...overrides,
  };
}

describe('metric direction', () => {
  it('takes errors and losses as better smaller, the rest as better bigger', () => {
    expect(
      ['rmse', 'mae', 'val_loss', 'mean_squared_error', 'accuracy', 'r2'].map(
        mlopsMetricDirection,
      ),
    ).toEqual(['lower', 'lower', 'lower', 'lower', 'higher', 'higher']);
    expect(mlopsBestMetricValue('rmse', [1.2, undefined, 0.9])).toBe(0.9);
    expect(mlopsBestMetricValue('f1', [0.7, 0.8])).toBe(0.8);
    expect(mlopsBestMetricValue('f1', [undefined])).toBeUndefined();
  });
});

describe('compareMlopsRuns', () => {
  it('lines runs up value by value, marking differences and the best metric', () => {
    const rows = compareMlopsRuns([
      run('a', {
        durationSeconds: 60,
        params: [{ name: 'lr', value: '0.1' }],
        metrics: [{ name: 'mae', value: 2, source: 'pipeline' }],
      }),
      run('b', {
        status: 'Failed',
        durationSeconds: 60,
        params: [{ name: 'lr', value: ['0.1', '0.2'] }],
        metrics: [{ name: 'mae', value: 1.5, source: 'train' }],
      }),
    ]);
    expect(rows).toEqual([
      {
        group: 'outcome',
        label: 'status',
        values: ['Succeeded', 'Failed'],
        differs: true,
      },
      {
        group: 'outcome',
        label: 'durationSeconds',
        values: [60, 60],
        differs: false,
      },
      {
        group: 'metrics',
        label: 'mae',
        values: [2, 1.5],
        differs: true,
        best: [false, true],
      },
      {
        group: 'params',
        label: 'lr',
        values: ['0.1', '["0.1","0.2"]'],
        differs: true,
      },
      {
        group: 'images',
        label: 'stepImages',
        values: [undefined, undefined],
        differs: false,
      },
    ]);
  });
});
