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
import { DefaultMlopsEntityResolver } from './entities/DefaultMlopsEntityResolver';
import type { MlopsEntityResolver } from './entities/types';
import { mlopsKubernetesClusterAccessServiceRef } from './kubernetes/kubernetesClusterAccessServiceRef';

/**
 * The clusters backstage-mlops works with: those the Kubernetes plugin locates (its
 * cluster access arrives through `kubernetesModuleMlopsClusters`), with what
 * `mlops.clusters` adds. One per backend, shared by the mlops backend plugin and its
 * catalog and scaffolder modules.
 *
 * @public
 */
export const mlopsClusterRegistryServiceRef =
  createServiceRef<DefaultMlopsClusterRegistry>({
    id: 'mlops.cluster-registry',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
          access: mlopsKubernetesClusterAccessServiceRef,
        },
        factory: ({ config, logger, access }) =>
          DefaultMlopsClusterRegistry.create({
            access: access.get(),
            config,
            logger: logger.child({ service: 'mlops-cluster-registry' }),
          }),
      }),
  });

/**
 * The clients of the clusters with the backend's identity (each cluster's auth
 * provider in the Kubernetes plugin): the one Kubernetes client of the backend
 * plugin and the catalog module.
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
        deps: { registry: mlopsClusterRegistryServiceRef },
        factory: ({ registry }) =>
          DefaultMlopsClusterClients.create({ registry }),
      }),
  });

/**
 * The clients of the clusters with the **scaffolder identity**
 * (`mlops.clusters[].scaffolder`): the identity that may create the namespaced objects
 * of a new model project. Used only by the scaffolder module.
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
        deps: { registry: mlopsClusterRegistryServiceRef },
        factory: ({ registry }) =>
          DefaultMlopsClusterClients.create({
            registry,
            identity: 'scaffolder',
          }),
      }),
  });

/**
 * The watch-backed cache of cluster objects (one list+watch per cluster × kind,
 * shared by every user and entity). Started when the backend starts, stopped on
 * shutdown; it follows the clusters the Kubernetes plugin locates as they come and go.
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
