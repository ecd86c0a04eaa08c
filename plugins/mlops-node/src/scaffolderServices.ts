import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ScaffolderMlopsClusterClients } from './client/ScaffolderMlopsClusterClients';
import type { MlopsClusterClients } from './client/types';

/**
 * The clients of the configured clusters with the **scaffolder identity**
 * (`mlops.clusters[].scaffolder`): the identity that may create the namespaced objects
 * of a new model project. Used only by the scaffolder module; the backend plugin and
 * the catalog module use `mlopsClusterClientsServiceRef` (the read identity).
 *
 * @public
 */
export const mlopsScaffolderClusterClientsServiceRef =
  createServiceRef<MlopsClusterClients>({
    id: 'mlops.scaffolder-cluster-clients',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
        },
        factory: ({ config, logger }) =>
          ScaffolderMlopsClusterClients.fromConfig(config, {
            logger: logger.child({
              service: 'mlops-scaffolder-cluster-clients',
            }),
          }),
      }),
  });
