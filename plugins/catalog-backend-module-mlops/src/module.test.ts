import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  type CatalogProcessor,
  catalogProcessingExtensionPoint,
  type EntityProvider,
} from '@backstage/plugin-catalog-node';
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

const clusters = [
  { name: 'dev', url: 'http://127.0.0.1:9' },
  { name: 'lab', url: 'http://127.0.0.1:9' },
];

describe('catalogModuleMlops', () => {
  it('registers the entity model processor, and no provider without catalog.providers.mlops', async () => {
    const { processors, providers, extensionPoint } = fakeProcessing();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
      features: [
        catalogModuleMlops,
        mockServices.rootConfig.factory({ data: { mlops: { clusters } } }),
      ],
    });
    expect(processors.map(p => p.getProcessorName())).toEqual([
      'MlopsEntityModelProcessor',
    ]);
    expect(providers).toEqual([]);
  });

  it('registers one discovery provider per configured cluster, or per listed cluster', async () => {
    const all = fakeProcessing();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, all.extensionPoint]],
      features: [
        catalogModuleMlops,
        mockServices.rootConfig.factory({
          data: { mlops: { clusters }, catalog: { providers: { mlops: {} } } },
        }),
      ],
    });
    expect(all.providers.map(p => p.getProviderName())).toEqual([
      'mlops-provider:dev',
      'mlops-provider:lab',
    ]);
    // Discovery adds no processor: the entity model check is the only one.
    expect(all.processors.map(p => p.getProcessorName())).toEqual([
      'MlopsEntityModelProcessor',
    ]);

    const listed = fakeProcessing();
    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, listed.extensionPoint],
      ],
      features: [
        catalogModuleMlops,
        mockServices.rootConfig.factory({
          data: {
            mlops: { clusters },
            catalog: { providers: { mlops: { clusters: ['lab'] } } },
          },
        }),
      ],
    });
    expect(listed.providers.map(p => p.getProviderName())).toEqual([
      'mlops-provider:lab',
    ]);
  });

  it('refuses to start with a provider for a cluster that is not configured', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [catalogProcessingExtensionPoint, fakeProcessing().extensionPoint],
        ],
        features: [
          catalogModuleMlops,
          mockServices.rootConfig.factory({
            data: {
              mlops: { clusters },
              catalog: { providers: { mlops: { clusters: ['prod'] } } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/prod/);
  });
});
