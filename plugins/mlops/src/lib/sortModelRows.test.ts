import type { MlopsModelSummary } from '@backstage-mlops/plugin-mlops-common';
import type { ModelRow } from './modelRow';
import { sortModelRows } from './sortModelRows';

function row(
  name: string,
  training?: MlopsModelSummary['lastTraining'],
): ModelRow {
  return {
    name,
    summary: training
      ? { entityRef: `component:default/${name}`, lastTraining: training }
      : undefined,
  } as ModelRow;
}

describe('sortModelRows', () => {
  const rows = [
    row('charlie', { name: 'r3', status: 'Running' }),
    row('alpha', { name: 'r1', status: 'Succeeded' }),
    row('delta'),
    row('bravo', { name: 'r2', status: 'Failed' }),
  ];

  it('sorts by name', () => {
    expect(sortModelRows(rows, 'name').map(r => r.name)).toEqual([
      'alpha',
      'bravo',
      'charlie',
      'delta',
    ]);
  });

  it('sorts by a status column with problems first, unknown last', () => {
    expect(sortModelRows(rows, 'training').map(r => r.name)).toEqual([
      'bravo',
      'charlie',
      'alpha',
      'delta',
    ]);
  });

  it('leaves its input alone', () => {
    sortModelRows(rows, 'name');
    expect(rows[0].name).toBe('charlie');
  });
});
