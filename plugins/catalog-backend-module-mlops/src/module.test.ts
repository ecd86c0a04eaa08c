import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  type CatalogProcessor,
  catalogProcessingExtensionPoint,
  type EntityProvider,
} from '@backstage/plugin-catalog-node';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
  mockMlopsClusterAccessServiceFactory,
} from '@backstage-mlops/plugin-mlops-node/testUtils';
import type { MlopsClustersEntityProvider } from './providers/MlopsClustersEntityProvider';
import catalogModuleMlops from '.';

function fakeProcessing() {
  const processors: CatalogProcessor[] = [];
  const providers: EntityProvider[] = [];
  return {
    processors,
    providers,
    extensionPoint: {
      addProcessor: (...added: Array<CatalogProcessor | CatalogProcessor[]>) =>
        processors.push(...added.flat()),
      addEntityProvider: (...added: Array<EntityProvider | EntityProvider[]>) =>
        providers.push(...added.flat()),
    },
  };
}

/** Two clusters the Kubernetes plugin locates (unreachable: nothing is read from them). */
const located = mockMlopsClusterAccessServiceFactory(
  mockMlopsClusterAccess([
    mockClusterDetails('dev', 'http://127.0.0.1:9', {
      authProvider: 'localKubectlProxy',
    }),
    mockClusterDetails('lab', 'http://127.0.0.1:9', {
      authProvider: 'localKubectlProxy',
    }),
  ]),
);

async function discovered(provider: EntityProvider): Promise<string[]> {
  const clusters = provider as MlopsClustersEntityProvider;
  for (let i = 0; i < 100 && clusters.discoveredClusters.length === 0; i++) {
    await new Promise(r => setTimeout(r, 20));
  }
  return clusters.discoveredClusters;
}

describe('catalogModuleMlops', () => {
  it('registers the entity model processor, and no provider without catalog.providers.mlops', async () => {
    const { processors, providers, extensionPoint } = fakeProcessing();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
      features: [
        catalogModuleMlops,
        located,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(processors.map(p => p.getProcessorName())).toEqual([
      'MlopsEntityModelProcessor',
    ]);
    expect(providers).toEqual([]);
  });

  it('registers one discovery provider, which discovers every located cluster, or the listed ones', async () => {
    const all = fakeProcessing();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, all.extensionPoint]],
      features: [
        catalogModuleMlops,
        located,
        mockServices.rootConfig.factory({
          data: { catalog: { providers: { mlops: {} } } },
        }),
      ],
    });
    expect(all.providers.map(p => p.getProviderName())).toEqual([
      'mlops-provider',
    ]);
    await all.providers[0].connect({
      applyMutation: async () => {},
      refresh: async () => {},
    });
    expect(await discovered(all.providers[0])).toEqual(['dev', 'lab']);
    // Discovery adds no processor: the entity model check is the only one.
    expect(all.processors.map(p => p.getProcessorName())).toEqual([
      'MlopsEntityModelProcessor',
    ]);
    (all.providers[0] as MlopsClustersEntityProvider).stop();

    const listed = fakeProcessing();
    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, listed.extensionPoint],
      ],
      features: [
        catalogModuleMlops,
        located,
        mockServices.rootConfig.factory({
          data: { catalog: { providers: { mlops: { clusters: ['lab'] } } } },
        }),
      ],
    });
    await listed.providers[0].connect({
      applyMutation: async () => {},
      refresh: async () => {},
    });
    expect(await discovered(listed.providers[0])).toEqual(['lab']);
    (listed.providers[0] as MlopsClustersEntityProvider).stop();
  });
});
