import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createLocalPublishActions } from './actions/localPublishActions';

/**
 * Registers `mlops:publish:local` and `mlops:catalog:register`, the demo's way to
 * publish a New ML model project without an SCM host (configured by
 * `mlops.scaffolder.localPublish`).
 *
 * @public
 */
export const scaffolderModuleLocalPublish = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mlops-local-publish',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        scaffolderActions: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ config, scaffolderActions, catalog }) {
        scaffolderActions.addActions(
          ...createLocalPublishActions({ config, catalog }),
        );
      },
    });
  },
});
