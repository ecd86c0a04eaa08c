import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlopsEntityModelProcessor } from './processors/MlopsEntityModelProcessor';

/**
 * The mlops catalog module: checks the mlops annotations of catalog entities.
 *
 * @public
 */
export const catalogModuleMlops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops',
  register({ registerInit }) {
    registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        processing.addProcessor(new MlopsEntityModelProcessor());
      },
    });
  },
});
