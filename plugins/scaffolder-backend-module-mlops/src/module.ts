import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { mlopsClusterRegistryServiceRef } from '@backstage-mlops/plugin-mlops-node';
import { createClusterCheckAction } from './actions/clusterCheck';

/**
 * The mlops scaffolder module: registers the `mlops:*` template actions.
 *
 * @public
 */
export const scaffolderModuleMlops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mlops',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        clusters: mlopsClusterRegistryServiceRef,
      },
      async init({ scaffolderActions, clusters }) {
        scaffolderActions.addActions(createClusterCheckAction({ clusters }));
      },
    });
  },
});
