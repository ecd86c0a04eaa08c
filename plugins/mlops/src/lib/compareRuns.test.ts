import { pipelineRun, taskRun } from '../__testUtils__/wireFixtures';
import { compareRuns } from './compareRuns';
import { formatMetric } from './runMetrics';

describe('compareRuns', () => {
  const a = pipelineRun({
    name: 'run-a',
    durationSeconds: 600,
    params: [
      { name: 'data-source', value: 'synthetic' },
      { name: 'git-ref', value: 'main' },
    ],
    metrics: [
      { name: 'accuracy', value: 0.91, source: 'pipeline' },
      { name: 'rmse', value: 1.2, source: 'pipeline' },
    ],
    taskRuns: [
      taskRun({
        steps: [
          {
            name: 'train',
            state: 'succeeded',
            imageID: 'quay.io/x/nb@sha256:aaa',
          },
        ],
      }),
    ],
  });
  const b = pipelineRun({
    name: 'run-b',
    status: 'Failed',
    durationSeconds: 600,
    params: [{ name: 'data-source', value: 'prometheus' }],
    metrics: [
      { name: 'accuracy', value: 0.86, source: 'pipeline' },
      { name: 'rmse', value: 0.9, source: 'pipeline' },
    ],
    taskRuns: [
      taskRun({
        steps: [
          {
            name: 'train',
            state: 'succeeded',
            imageID: 'quay.io/x/nb@sha256:aaa',
          },
        ],
      }),
    ],
  });

  it('marks rows that differ and the best value of each metric by its direction', () => {
    const rows = compareRuns([a, b]);
    const byLabel = (label: string) => rows.find(r => r.label === label)!;
    expect(byLabel('Status')).toMatchObject({
      values: ['Succeeded', 'Failed'],
      differs: true,
    });
    expect(byLabel('Duration')).toMatchObject({ differs: false });
    expect(byLabel('accuracy')).toMatchObject({
      values: ['0.91', '0.86'],
      differs: true,
      best: [true, false],
    });
    expect(byLabel('rmse')).toMatchObject({ best: [false, true] });
    expect(byLabel('data-source')).toMatchObject({
      values: ['synthetic', 'prometheus'],
      differs: true,
    });
    expect(byLabel('git-ref')).toMatchObject({
      values: ['main', '—'],
      differs: true,
    });
    expect(byLabel('Step images (digest)')).toMatchObject({
      values: ['quay.io/x/nb@sha256:aaa', 'quay.io/x/nb@sha256:aaa'],
      differs: false,
    });
    expect(rows.map(r => r.group)).toEqual([
      'Outcome',
      'Outcome',
      'Metrics',
      'Metrics',
      'Params',
      'Params',
      'Images',
    ]);
  });

  it('formats metrics readably', () => {
    expect(formatMetric(0.912345)).toBe('0.9123');
    expect(formatMetric(42)).toBe('42');
    expect(formatMetric(0.00001234)).toBe('1.234e-5');
    expect(formatMetric(undefined)).toBe('—');
  });
});
