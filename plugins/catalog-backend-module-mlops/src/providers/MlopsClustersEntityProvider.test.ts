import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type { MlopsClusterDescriptor } from '@backstage-mlops/plugin-mlops-node';
import {
  type ClusterDiscovery,
  MlopsClustersEntityProvider,
} from './MlopsClustersEntityProvider';

function entity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'ml-model', owner: 'team', lifecycle: 'production' },
  };
}

function deferred(name: string, cluster: string) {
  return { entity: entity(name), locationKey: `mlops-provider:${cluster}` };
}

/** A fake discovery of one cluster: the test sends its mutations. */
function fakeDiscovery() {
  const started = new Map<
    string,
    { connection: EntityProviderConnection; stopped: boolean }
  >();
  const discoveryFor = (cluster: string): ClusterDiscovery => {
    const state = {
      connection: undefined as unknown as EntityProviderConnection,
      stopped: false,
    };
    return {
      getProviderName: () => `mlops-provider:${cluster}`,
      connect: async connection => {
        state.connection = connection;
        started.set(cluster, state);
      },
      stop: () => {
        state.stopped = true;
      },
    };
  };
  return { started, discoveryFor };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await new Promise(r => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('MlopsClustersEntityProvider', () => {
  it('discovers clusters as they are located and removes the entities of one no longer located, keeping the others', async () => {
    let located: MlopsClusterDescriptor[] = [
      { name: 'a', url: 'https://a', authProvider: 'serviceAccount' },
      {
        name: 'oidc-only',
        url: 'https://o',
        authProvider: 'oidc',
        unusable: 'no backend credential',
      },
    ];
    const { started, discoveryFor } = fakeDiscovery();
    const mutations: EntityProviderMutation[] = [];
    const taskRunner: SchedulerServiceTaskRunner = { run: async () => {} };
    const provider = MlopsClustersEntityProvider.create({
      clusters: { listClusters: async () => located },
      discoveryFor,
      taskRunner,
      logger: mockServices.logger.mock(),
      clusterCheckIntervalMs: 10,
    });
    await provider.connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    await until(() => started.has('a'));
    // An unusable cluster is not discovered.
    expect(provider.discoveredClusters).toEqual(['a']);

    await started.get('a')!.connection.applyMutation({
      type: 'full',
      entities: [deferred('a-model', 'a')],
    });
    located = [
      ...located,
      { name: 'b', url: 'https://b', authProvider: 'aws' },
    ];
    await until(() => started.has('b'));
    await started.get('b')!.connection.applyMutation({
      type: 'full',
      entities: [deferred('b-model', 'b')],
    });
    // A cluster's full mutation is the provider's: the other cluster's entities stay.
    expect(mutations.at(-1)).toEqual({
      type: 'full',
      entities: [deferred('a-model', 'a'), deferred('b-model', 'b')],
    });

    located = located.filter(c => c.name !== 'a');
    await until(() => started.get('a')!.stopped);
    await until(() => mutations.length === 3);
    expect(mutations[2]).toEqual({
      type: 'delta',
      added: [],
      removed: [
        {
          entityRef: 'component:default/a-model',
          locationKey: 'mlops-provider:a',
        },
      ],
    });
    expect(provider.discoveredClusters).toEqual(['b']);
    provider.stop();
  });
});
