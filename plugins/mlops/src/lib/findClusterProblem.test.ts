import type { MlopsClusterSummary } from '@backstage-mlops/plugin-mlops-common';
import { describeModelCluster, findClusterProblem } from './findClusterProblem';

function clusters(...names: string[]): MlopsClusterSummary[] {
  return names.map(name => ({ name, authProvider: 'serviceAccount' }));
}

describe('findClusterProblem', () => {
  it.each([
    ['no cluster configured', undefined, [], { type: 'no-clusters' }],
    ['no cluster configured, one named', 'dev', [], { type: 'no-clusters' }],
    ['the only cluster, implicitly', undefined, ['dev'], undefined],
    ['a configured cluster, named', 'prod', ['dev', 'prod'], undefined],
    [
      'an unknown cluster',
      'staging',
      ['dev', 'prod'],
      {
        type: 'unknown-cluster',
        cluster: 'staging',
        configured: ['dev', 'prod'],
      },
    ],
    [
      'no cluster named among several',
      undefined,
      ['dev', 'prod'],
      { type: 'ambiguous-cluster', configured: ['dev', 'prod'] },
    ],
  ])('%s', (_, cluster, names, expected) => {
    expect(findClusterProblem({ cluster }, clusters(...names))).toEqual(
      expected,
    );
  });
});

describe('describeModelCluster', () => {
  it('names the annotated cluster, or the configured one', () => {
    expect(describeModelCluster({ cluster: 'prod' }, clusters('dev'))).toBe(
      'prod',
    );
    expect(describeModelCluster({}, clusters('dev'))).toBe(
      'the configured cluster (dev)',
    );
    expect(describeModelCluster({}, [])).toBe('the configured cluster');
  });
});
