import type { MlopsTaskRunSummary } from '@backstage-mlops/plugin-mlops-common';
import { readModelMetrics } from './modelMetrics';

function task(
  pipelineTask: string,
  results: MlopsTaskRunSummary['results'],
): MlopsTaskRunSummary {
  return {
    name: `run-${pipelineTask}`,
    pipelineTask,
    status: 'Succeeded',
    steps: [],
    results,
  };
}

describe('readModelMetrics', () => {
  it('reads the PipelineRun result "metrics", sorted by name', () => {
    expect(
      readModelMetrics(
        [
          { name: 'model-health', value: 'healthy' },
          { name: 'metrics', value: '{"f1":0.88,"accuracy":0.91}' },
        ],
        [task('train-model', [{ name: 'metrics', value: '{"f1":0.5}' }])],
      ),
    ).toEqual({
      metrics: [
        { name: 'accuracy', value: 0.91, source: 'pipeline' },
        { name: 'f1', value: 0.88, source: 'pipeline' },
      ],
      problems: [],
    });
  });

  it('falls back to the TaskRuns, a later task winning, and reads Tekton object results', () => {
    expect(
      readModelMetrics(
        [],
        [
          task('train-model', [
            { name: 'metrics', value: '{"rmse":1.5,"mae":0.9}' },
          ]),
          task('health-check', [
            { name: 'metrics', value: { rmse: '1.25', r2: '-0.1' } },
          ]),
        ],
      ).metrics,
    ).toEqual([
      { name: 'mae', value: 0.9, source: 'train-model' },
      { name: 'r2', value: -0.1, source: 'health-check' },
      { name: 'rmse', value: 1.25, source: 'health-check' },
    ]);
  });

  it('drops what is not a metric name and a finite number, naming the field', () => {
    expect(
      readModelMetrics(
        [
          {
            name: 'metrics',
            value:
              '{"accuracy":"n/a","f1":0.8,"bad name!":1,"auc":null,"loss":"1e999"}',
          },
        ],
        [],
      ),
    ).toEqual({
      metrics: [{ name: 'f1', value: 0.8, source: 'pipeline' }],
      problems: [
        'metrics.accuracy of the run: "n/a" is not a finite number',
        'metrics.bad name! of the run: is not a metric name (letters, digits, _ . -, at most 63)',
        'metrics.auc of the run: null is not a finite number',
        'metrics.loss of the run: "1e999" is not a finite number',
      ],
    });
  });

  it('says when the result is not a JSON object, and never throws', () => {
    for (const value of ['accuracy=0.9', '[0.9]', '0.9', ['0.9']]) {
      const read = readModelMetrics(
        [],
        [task('train-model', [{ name: 'metrics', value }])],
      );
      expect(read.metrics).toEqual([]);
      expect(read.problems).toEqual([
        `metrics of train-model: ${JSON.stringify(
          value,
        )} is not a JSON object of metric name to number`,
      ]);
    }
  });
});
