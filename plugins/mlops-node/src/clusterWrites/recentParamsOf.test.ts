import { newestFirst, recentParamsOf } from './readClusterObjects';

function run(name: string, createdAt: string, params: Record<string, string>) {
  return {
    metadata: { name, creationTimestamp: createdAt },
    spec: {
      params: Object.entries(params).map(([n, value]) => ({ name: n, value })),
    },
  };
}

describe('recentParamsOf', () => {
  it("takes each param from the newest run that has it, so a newest run made without one does not hide an earlier run's value", () => {
    const runs = newestFirst([
      run('a', '2026-11-20T10:00:00Z', {
        'git-url': 'https://old.example/m.git',
        'notebook-path': 'old.ipynb',
      }),
      run('c', '2026-11-22T10:00:00Z', { 'data-source': 'synthetic' }),
      run('b', '2026-11-21T10:00:00Z', { 'notebook-path': 'new.ipynb' }),
    ]);
    expect(runs.map(r => r.metadata.name)).toEqual(['c', 'b', 'a']);
    expect(recentParamsOf(runs as never)).toEqual({
      'data-source': 'synthetic',
      'notebook-path': 'new.ipynb',
      'git-url': 'https://old.example/m.git',
    });
  });

  it('is empty without runs', () => {
    expect(recentParamsOf([])).toEqual({});
  });
});
