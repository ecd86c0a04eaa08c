import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mlopsPermissions } from '@backstage-mlops/plugin-mlops-common';
import { mlopsClusterRegistryServiceRef } from '@backstage-mlops/plugin-mlops-node';
import { createRouter } from './router';

/**
 * The mlops backend plugin: the one place in the portal that talks to clusters.
 * Serves `/api/mlops`.
 *
 * @public
 */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        clusters: mlopsClusterRegistryServiceRef,
      },
      async init({ httpAuth, httpRouter, permissionsRegistry, clusters }) {
        permissionsRegistry.addPermissions(mlopsPermissions);
        httpRouter.use(createRouter({ httpAuth, clusters }));
      },
    });
  },
});
