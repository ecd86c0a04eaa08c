import { scaffolderClusters } from '../__testUtils__/clusters';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createClusterCheckAction } from './clusterCheck';

// Input and config problems, found before any cluster is contacted. What the cluster
// itself lacks is tested against the dev cluster (clusterCheck.integration.test.ts).

function actionWith(clusters: Array<{ name: string; url: string }>) {
  const { registry, clients } = scaffolderClusters(clusters);
  return createClusterCheckAction({ clusters: registry, clients });
}

const two = [
  { name: 'dev', url: 'https://127.0.0.1:6443' },
  { name: 'prod', url: 'https://prod:6443' },
];

describe('mlops:cluster:check', () => {
  it('lists every input problem in one message', async () => {
    const ctx = createMockActionContext({
      input: {
        cluster: 'staging',
        namespace: 'My_Namespace',
        modelName: '-bad-',
      },
    });
    const run = actionWith(two).handler(ctx);
    await expect(run).rejects.toThrow(
      /found 3 problem\(s\): namespace "My_Namespace" must consist.*; modelName "-bad-" must consist.*; cluster "staging" is not located by the Kubernetes plugin \(kubernetes.clusterLocatorMethods\); located clusters: dev, prod/,
    );
    await expect(run).rejects.toHaveProperty('name', 'InputError');
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('names a storage class that is not a Kubernetes name', async () => {
    const ctx = createMockActionContext({
      input: {
        cluster: 'dev',
        namespace: 'ns',
        modelName: 'm',
        storageAccessMode: 'ReadWriteMany' as const,
        storageClassName: 'Fast_SSD',
      },
    });
    await expect(actionWith(two).handler(ctx)).rejects.toThrow(
      /storageClassName "Fast_SSD" must consist/,
    );
  });

  it('refuses a cluster without a scaffolder identity, naming the config key', async () => {
    const ctx = createMockActionContext({
      input: { cluster: 'dev', namespace: 'ns', modelName: 'm' },
    });
    await expect(actionWith(two).handler(ctx)).rejects.toThrow(
      'mlops:cluster:check found 1 problem(s): cluster dev has no scaffolder identity; set mlops.clusters[].scaffolder.serviceAccountToken',
    );
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
