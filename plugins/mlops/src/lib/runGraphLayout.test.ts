import { pipelineRun, taskRun } from '../__testUtils__/wireFixtures';
import { layoutRunGraph } from './runGraphLayout';

describe('layoutRunGraph', () => {
  it('is undefined for a run without a resolved graph', () => {
    expect(layoutRunGraph(pipelineRun({}))).toBeUndefined();
  });

  it('puts each task one column after what it waits for, finally tasks last', () => {
    const layout = layoutRunGraph(
      pipelineRun({
        status: 'Failed',
        graph: [
          { name: 'fetch', after: [] },
          { name: 'train', after: ['fetch'] },
          { name: 'lint', after: [] },
          { name: 'evaluate', after: ['train', 'lint'] },
          { name: 'shard', after: ['fetch'], matrix: true },
          { name: 'report', after: [], finally: true },
        ],
        taskRuns: [
          taskRun({ name: 'r-fetch', pipelineTask: 'fetch' }),
          taskRun({
            name: 'r-train',
            pipelineTask: 'train',
            retries: 2,
            earlierAttempts: [{ attempt: 1, status: 'Failed' }],
          }),
          taskRun({ name: 'r-shard-0', pipelineTask: 'shard' }),
          taskRun({
            name: 'r-shard-1',
            pipelineTask: 'shard',
            status: 'Failed',
          }),
          taskRun({ name: 'r-report', pipelineTask: 'report', finally: true }),
        ],
        skippedTasks: [
          { name: 'lint', reason: 'When Expressions evaluated to false' },
        ],
      }),
    )!;
    const at = (name: string) => {
      const n = layout.nodes.find(node => node.name === name)!;
      return [n.column, n.row, n.tone, n.state];
    };
    expect(at('fetch')).toEqual([0, 0, 'ok', 'Succeeded']);
    expect(at('lint')).toEqual([0, 1, 'aborted', 'Skipped']);
    expect(at('train')).toEqual([1, 0, 'ok', 'Succeeded']);
    expect(at('shard')).toEqual([1, 1, 'error', '1 of 2 failed']);
    expect(at('evaluate')).toEqual([2, 0, 'aborted', 'Did not run']);
    expect(at('report')).toEqual([3, 0, 'ok', 'Succeeded']);
    expect(layout.nodes.find(n => n.name === 'train')!.attempts).toBe(
      'attempt 2 of 3',
    );
    expect(layout.finallyColumn).toBe(3);
    expect(layout.columns).toBe(4);
    expect(layout.rows).toBe(2);
    expect(layout.edges).toEqual([
      { from: 'fetch', to: 'train' },
      { from: 'train', to: 'evaluate' },
      { from: 'lint', to: 'evaluate' },
      { from: 'fetch', to: 'shard' },
    ]);
  });

  it('cuts a dependency cycle instead of looping', () => {
    const layout = layoutRunGraph(
      pipelineRun({
        status: 'Running',
        graph: [
          { name: 'a', after: ['b'] },
          { name: 'b', after: ['a'] },
        ],
      }),
    )!;
    expect(layout.nodes.map(n => n.state)).toEqual([
      'Not started',
      'Not started',
    ]);
    expect(layout.columns).toBeGreaterThan(0);
  });

  it('gives each of 20 tasks (a fan-out and a chain) a place of its own', () => {
    const graph = [
      { name: 'prepare', after: [] },
      ...Array.from({ length: 12 }, (_, i) => ({
        name: `shard-${i}`,
        after: ['prepare'],
      })),
      {
        name: 'merge',
        after: Array.from({ length: 12 }, (_, i) => `shard-${i}`),
      },
      ...['train', 'evaluate', 'gate', 'deploy'].map((name, i, all) => ({
        name,
        after: [i === 0 ? 'merge' : all[i - 1]],
      })),
      { name: 'notify', after: [], finally: true },
      { name: 'cleanup', after: [], finally: true },
    ];
    expect(graph).toHaveLength(20);
    const layout = layoutRunGraph(pipelineRun({ graph, taskRuns: [] }))!;
    const places = new Set(layout.nodes.map(n => `${n.column}:${n.row}`));
    expect(places.size).toBe(20);
    expect(layout.columns).toBe(8);
    expect(layout.rows).toBe(12);
    expect(layout.edges).toHaveLength(12 + 12 + 4);
  });
});
