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
import { MlopsEntityProvider } from './providers/MlopsEntityProvider';
import { NamespaceMetadataReader } from './providers/NamespaceMetadataReader';
import {
  readMlopsProviderConfig,
  scheduleInitialDelayMs,
} from './providers/readMlopsProviderConfig';

/**
 * The mlops catalog module: checks the mlops annotations of catalog entities and, when
 * `catalog.providers.mlops` is configured, discovers models, training pipelines and
 * notebooks from the configured clusters (one entity provider per cluster).
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
        const clusters =
          providerConfig.clusters ??
          clusterRegistry.listClusters().map(c => c.name);
        const handWritten = HandWrittenIndex.create({
          catalog,
          auth,
          logger,
          intervalMs: providerConfig.catalogCheckIntervalMs,
        });
        const providers = clusters.map(cluster => {
          clusterRegistry.resolveCluster(cluster); // NotFoundError for a typo
          return MlopsEntityProvider.create({
            cluster,
            config: providerConfig,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(
              providerConfig.schedule,
            ),
            objectStore,
            namespaces: NamespaceMetadataReader.create({
              client: () => clusterClients.forCluster(cluster),
            }),
            handWritten,
            startDelayMs: scheduleInitialDelayMs(providerConfig.schedule),
            entities,
          });
        });
        processing.addEntityProvider(providers);
        lifecycle.addShutdownHook(() => {
          handWritten.stop();
          providers.forEach(provider => provider.stop());
        });
      },
    });
  },
});
