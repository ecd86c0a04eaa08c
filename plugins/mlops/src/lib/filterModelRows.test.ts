import type { MlopsModelSummary } from '@backstage-mlops/plugin-mlops-common';
import { entity } from '../__testUtils__/fixtures';
import { modelSummary } from '../__testUtils__/wireFixtures';
import { filterModelRows, type ModelRowFilter } from './filterModelRows';
import { toModelRow } from './modelRow';

function row(
  name: string,
  owner: string,
  summary?: Partial<MlopsModelSummary>,
) {
  return toModelRow(
    entity({
      name,
      annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' },
      spec: { owner },
    }),
    summary
      ? modelSummary({ entityRef: `component:default/${name}`, ...summary })
      : undefined,
  );
}

const rows = [
  row('healthy', 'team-a', {}),
  row('broken-training', 'team-b', {
    lastTraining: { name: 'r', status: 'Failed' },
  }),
  row('training-now', 'team-a', {
    lastTraining: { name: 'r', status: 'Running' },
  }),
  row('unserved', 'team-b', { serving: undefined }),
  row('unknown', 'team-a'),
];

function names(filter: Partial<ModelRowFilter>) {
  return filterModelRows(rows, {
    text: '',
    owner: '',
    status: 'all',
    sort: 'name',
    ...filter,
  }).map(r => r.entity.metadata.name);
}

describe('filterModelRows', () => {
  it('keeps every row without filters', () => {
    expect(names({})).toHaveLength(5);
  });

  it('matches text in name and owner, case-insensitively', () => {
    expect(names({ text: 'TRAINING' })).toEqual([
      'broken-training',
      'training-now',
    ]);
    expect(names({ text: 'team-b' })).toEqual(['broken-training', 'unserved']);
  });

  it('filters by owner as shown', () => {
    expect(names({ owner: 'team-a' })).toEqual([
      'healthy',
      'training-now',
      'unknown',
    ]);
  });

  it.each([
    ['attention', ['broken-training']],
    ['training-failed', ['broken-training']],
    ['training-running', ['training-now']],
    ['not-serving', ['unserved']],
    ['healthy', ['healthy']],
  ] as const)('filters by status %s', (status, expected) => {
    expect(names({ status })).toEqual(expected);
  });

  it('combines the filters', () => {
    expect(
      names({ owner: 'team-a', status: 'training-running', text: 'now' }),
    ).toEqual(['training-now']);
  });
});
