import { ConfigReader } from '@backstage/config';
import { DefaultMlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createClusterCheckAction } from './clusterCheck';
import { examples } from './clusterCheck.examples';

function actionWith(clusters: Array<{ name: string; url: string }>) {
  return createClusterCheckAction({
    clusters: DefaultMlopsClusterRegistry.fromConfig(
      new ConfigReader({ mlops: { clusters } }),
    ),
  });
}

const two = [
  { name: 'dev', url: 'https://127.0.0.1:6443' },
  { name: 'prod', url: 'https://prod:6443' },
];

describe('mlops:cluster:check', () => {
  it('runs its documented example', async () => {
    const ctx = createMockActionContext({
      input: yaml.parse(examples[0].example).steps[0].input,
    });
    await actionWith(two).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'dev');
  });

  it('uses the only configured cluster when none is chosen', async () => {
    const ctx = createMockActionContext({
      input: { namespace: 'mlops-demo', modelName: 'm' },
    });
    await actionWith(two.slice(0, 1)).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'dev');
  });

  it('lists every problem in one message', async () => {
    const ctx = createMockActionContext({
      input: {
        cluster: 'staging',
        namespace: 'My_Namespace',
        modelName: '-bad-',
      },
    });
    const run = actionWith(two).handler(ctx);
    await expect(run).rejects.toThrow(
      /found 3 problem\(s\): namespace "My_Namespace" must consist.*; modelName "-bad-" must consist.*; cluster "staging" is not configured; configured clusters: dev, prod/,
    );
    await expect(run).rejects.toHaveProperty('name', 'InputError');
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('asks for a cluster when several are configured and none is chosen', async () => {
    const ctx = createMockActionContext({
      input: { namespace: 'ns', modelName: 'm' },
    });
    await expect(actionWith(two).handler(ctx)).rejects.toThrow(
      /several clusters are configured \(dev, prod\)/,
    );
  });

  it('supports dry runs, which check the same things', async () => {
    const action = actionWith([]);
    expect(action.supportsDryRun).toBe(true);
    const ctx = createMockActionContext({
      input: { namespace: 'ns', modelName: 'm' },
      isDryRun: true,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /no cluster is configured/,
    );
  });
});
