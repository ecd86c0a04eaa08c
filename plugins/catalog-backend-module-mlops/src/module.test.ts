import { startTestBackend } from '@backstage/backend-test-utils';
import {
  type CatalogProcessor,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import catalogModuleMlops from '.';

describe('catalogModuleMlops', () => {
  it('registers the entity model processor with the catalog', async () => {
    const processors: CatalogProcessor[] = [];
    const extensionPoint = {
      addProcessor: (...added: Array<CatalogProcessor | CatalogProcessor[]>) =>
        processors.push(...added.flat()),
    };
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
      features: [catalogModuleMlops],
    });
    expect(processors.map(p => p.getProcessorName())).toEqual([
      'MlopsEntityModelProcessor',
    ]);
  });
});
