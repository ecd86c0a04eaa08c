import {
  chooseCluster,
  clusterProblemOf,
  findClusterProblem,
  MLOPS_CLUSTER_PROBLEM_PROPERTY,
} from './clusterProblems';

function clusters(...names: string[]) {
  return names.map(name => ({ name }));
}

describe('findClusterProblem', () => {
  it.each([
    ['no cluster located', undefined, [], { type: 'no-clusters' }],
    ['no cluster located, one named', 'dev', [], { type: 'no-clusters' }],
    ['the only cluster, implicitly', undefined, ['dev'], undefined],
    ['a located cluster, named', 'prod', ['dev', 'prod'], undefined],
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
    expect(findClusterProblem(cluster, clusters(...names))).toEqual(expected);
  });

  it('says when the chosen cluster gives the backend no credential', () => {
    expect(
      findClusterProblem(undefined, [
        { name: 'prod', unusable: 'its auth provider "oidc" gives none' },
      ]),
    ).toEqual({
      type: 'unusable-cluster',
      cluster: 'prod',
      reason: 'its auth provider "oidc" gives none',
    });
  });
});

describe('chooseCluster', () => {
  it('gives the chosen cluster itself', () => {
    const located = [
      { name: 'dev', url: 'a' },
      { name: 'prod', url: 'b' },
    ];
    expect(chooseCluster('prod', located)).toEqual({ cluster: located[1] });
  });
});

describe('clusterProblemOf', () => {
  it('reads the problem of an error, its cause, or a serialized body', () => {
    const problem = { type: 'no-clusters' };
    expect(
      clusterProblemOf(
        Object.assign(new Error('x'), {
          [MLOPS_CLUSTER_PROBLEM_PROPERTY]: problem,
        }),
      ),
    ).toEqual(problem);
    expect(
      clusterProblemOf({
        cause: { [MLOPS_CLUSTER_PROBLEM_PROPERTY]: problem },
      }),
    ).toEqual(problem);
    expect(
      clusterProblemOf({ [MLOPS_CLUSTER_PROBLEM_PROPERTY]: { type: 'other' } }),
    ).toBeUndefined();
    expect(clusterProblemOf(new Error('x'))).toBeUndefined();
  });
});
