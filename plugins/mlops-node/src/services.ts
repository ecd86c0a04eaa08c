import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultMlopsClusterRegistry } from './clusters/DefaultMlopsClusterRegistry';
import type { MlopsClusterRegistry } from './clusters/types';

/**
 * The cluster registry shared by the mlops backend plugin and its catalog and
 * scaffolder modules. One instance per backend; override the factory to supply
 * clusters from elsewhere.
 *
 * @public
 */
export const mlopsClusterRegistryServiceRef =
  createServiceRef<MlopsClusterRegistry>({
    id: 'mlops.cluster-registry',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig },
        factory: ({ config }) => DefaultMlopsClusterRegistry.fromConfig(config),
      }),
  });
