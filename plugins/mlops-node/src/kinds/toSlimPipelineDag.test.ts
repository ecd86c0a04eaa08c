import { toSlimPipelineDag } from './toSlimPipelineDag';

// Spec shapes follow tektoncd/pipeline docs/pipelines.md ("Using the runAfter
// field", "Passing one Task's Results into the Parameters or when expressions of
// another", "Specifying Matrix in PipelineTasks").
describe('toSlimPipelineDag', () => {
  it('is undefined before Tekton resolved the spec', () => {
    expect(toSlimPipelineDag(undefined)).toBeUndefined();
  });

  it('counts runAfter and result references in params, matrix and when', () => {
    const dag = toSlimPipelineDag({
      tasks: [
        { name: 'fetch' },
        { name: 'train', runAfter: ['fetch'] },
        {
          name: 'evaluate',
          params: [
            { name: 'model', value: '$(tasks.train.results.model-path)' },
            { name: 'all', value: ['x', '$(tasks.fetch.results.rows)'] },
          ],
        },
        {
          name: 'gate',
          runAfter: ['evaluate'],
          when: [
            {
              input: '$(tasks.evaluate.results.passed)',
              operator: 'in',
              values: ['true'],
            },
          ],
        },
        {
          name: 'shard',
          matrix: {
            params: [
              { name: 'part', value: ['$(tasks.fetch.results.parts[*])'] },
            ],
          },
        },
      ],
      finally: [
        { name: 'report', params: [{ name: 's', value: '$(tasks.status)' }] },
      ],
    });
    expect(dag).toEqual([
      { name: 'fetch', after: [] },
      { name: 'train', after: ['fetch'] },
      { name: 'evaluate', after: ['train', 'fetch'] },
      { name: 'gate', after: ['evaluate'] },
      { name: 'shard', after: ['fetch'], matrix: true },
    ]);
  });

  it('drops references to tasks the pipeline does not have, and malformed tasks', () => {
    expect(
      toSlimPipelineDag({
        tasks: [
          { name: 'a', runAfter: ['ghost', 'a', 7] },
          { runAfter: ['a'] },
          'not a task',
        ],
      }),
    ).toEqual([{ name: 'a', after: [] }]);
  });
});
