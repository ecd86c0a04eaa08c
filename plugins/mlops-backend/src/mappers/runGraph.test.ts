import type { SlimPipelineRun } from '@backstage-mlops/plugin-mlops-node';
import { toRunGraph } from './runGraph';
import { meta } from './testFixtures';

function run(status: SlimPipelineRun['status']): SlimPipelineRun {
  return { metadata: meta('train-x'), spec: {}, status };
}

describe('toRunGraph', () => {
  it('lists the DAG tasks with their waits, then the finally tasks', () => {
    expect(
      toRunGraph(
        run({
          pipelineTasks: {
            tasks: ['train-model', 'health-check'],
            finally: ['report'],
          },
          pipelineDag: [
            { name: 'train-model', after: [] },
            { name: 'health-check', after: ['train-model'], matrix: true },
          ],
        }),
      ),
    ).toEqual([
      { name: 'train-model', after: [] },
      { name: 'health-check', after: ['train-model'], matrix: true },
      { name: 'report', after: [], finally: true },
    ]);
  });

  it('is undefined before Tekton resolved the pipeline', () => {
    expect(toRunGraph(run({}))).toBeUndefined();
    expect(toRunGraph(run(undefined))).toBeUndefined();
  });
});
