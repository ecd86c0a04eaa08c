import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultMlopsObjectStore } from './cache/DefaultMlopsObjectStore';
import type { MlopsObjectStore } from './cache/types';
import { DefaultMlopsClusterClients } from './client/DefaultMlopsClusterClients';
import type { MlopsClusterClients } from './client/types';
import { DefaultMlopsClusterRegistry } from './clusters/DefaultMlopsClusterRegistry';
import type { MlopsClusterRegistry } from './clusters/types';
import { DefaultMlopsEntityResolver } from './entities/DefaultMlopsEntityResolver';
import type { MlopsEntityResolver } from './entities/types';

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

/**
 * The clients of the configured clusters, with the backend's credentials for each:
 * the only Kubernetes client of the backend (the backend plugin, the catalog module
 * and the scaffolder module all use it).
 *
 * @public
 */
export const mlopsClusterClientsServiceRef =
  createServiceRef<MlopsClusterClients>({
    id: 'mlops.cluster-clients',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
        },
        factory: ({ config, logger }) =>
          DefaultMlopsClusterClients.fromConfig(config, {
            logger: logger.child({ service: 'mlops-cluster-clients' }),
          }),
      }),
  });

/**
 * The watch-backed cache of cluster objects (one list+watch per cluster × kind,
 * shared by every user and entity). Started when the backend starts, stopped on
 * shutdown.
 *
 * @public
 */
export const mlopsObjectStoreServiceRef = createServiceRef<MlopsObjectStore>({
  id: 'mlops.object-store',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
        clusterRegistry: mlopsClusterRegistryServiceRef,
        clusterClients: mlopsClusterClientsServiceRef,
      },
      factory: ({
        config,
        logger,
        lifecycle,
        clusterRegistry,
        clusterClients,
      }) => {
        const store = DefaultMlopsObjectStore.fromConfig(config, {
          logger: logger.child({ service: 'mlops-object-store' }),
          clusterRegistry,
          clusterClients,
        });
        lifecycle.addShutdownHook(() => store.stop());
        return store;
      },
    }),
});

/**
 * The one resolver of catalog entities to cluster coordinates, with the namespace
 * ownership check (`mlops.namespaceOwnership.enforce`), shared by the backend plugin
 * and the scaffolder and catalog modules.
 *
 * @public
 */
export const mlopsEntityResolverServiceRef =
  createServiceRef<MlopsEntityResolver>({
    id: 'mlops.entity-resolver',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          clusters: mlopsClusterRegistryServiceRef,
          store: mlopsObjectStoreServiceRef,
        },
        factory: ({ config, clusters, store }) =>
          DefaultMlopsEntityResolver.fromConfig(config, { clusters, store }),
      }),
  });
