import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  mlopsClusterClientsServiceRef,
  mlopsClusterRegistryServiceRef,
  mlopsEntityResolverServiceRef,
  mlopsObjectStoreServiceRef,
} from '@backstage-mlops/plugin-mlops-node';
import { MlopsEntityModelProcessor } from './processors/MlopsEntityModelProcessor';
import { HandWrittenIndex } from './providers/HandWrittenIndex';
import { MlopsClustersEntityProvider } from './providers/MlopsClustersEntityProvider';
import { MlopsEntityProvider } from './providers/MlopsEntityProvider';
import { NamespaceMetadataReader } from './providers/NamespaceMetadataReader';
import {
  readMlopsProviderConfig,
  scheduleInitialDelayMs,
} from './providers/readMlopsProviderConfig';

/**
 * The mlops catalog module: checks the mlops annotations of catalog entities and, when
 * `catalog.providers.mlops` is configured, discovers models, training pipelines and
 * notebooks from the clusters the Kubernetes plugin locates (one entity provider,
 * `mlops-provider`, following the clusters as they come and go).
 *
 * @public
 */
export const catalogModuleMlops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops',
  register({ registerInit }) {
    registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        clusterRegistry: mlopsClusterRegistryServiceRef,
        clusterClients: mlopsClusterClientsServiceRef,
        objectStore: mlopsObjectStoreServiceRef,
        entities: mlopsEntityResolverServiceRef,
      },
      async init({
        processing,
        config,
        logger,
        scheduler,
        lifecycle,
        auth,
        catalog,
        clusterRegistry,
        clusterClients,
        objectStore,
        entities,
      }) {
        processing.addProcessor(new MlopsEntityModelProcessor());

        const providerConfig = readMlopsProviderConfig(config);
        if (!providerConfig) {
          return;
        }
        const handWritten = HandWrittenIndex.create({
          catalog,
          auth,
          logger,
          intervalMs: providerConfig.catalogCheckIntervalMs,
        });
        // Clusters come and go with the Kubernetes plugin's locators (its catalog
        // locator among them, which cannot be asked while the catalog starts): one
        // provider, which discovers each located cluster once it is there.
        const provider = MlopsClustersEntityProvider.create({
          clusters: clusterRegistry,
          only: providerConfig.clusters,
          logger,
          taskRunner: scheduler.createScheduledTaskRunner(
            providerConfig.schedule,
          ),
          discoveryFor: (cluster, taskRunner) =>
            MlopsEntityProvider.create({
              cluster,
              config: providerConfig,
              logger,
              taskRunner,
              objectStore,
              namespaces: NamespaceMetadataReader.create({
                client: () => clusterClients.forCluster(cluster),
              }),
              handWritten,
              startDelayMs: scheduleInitialDelayMs(providerConfig.schedule),
              entities,
            }),
        });
        processing.addEntityProvider(provider);
        lifecycle.addShutdownHook(() => {
          handWritten.stop();
          provider.stop();
        });
      },
    });
  },
});
