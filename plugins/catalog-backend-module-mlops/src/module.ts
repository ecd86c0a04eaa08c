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
import { HandWrittenProcessingObserver } from './processors/HandWrittenProcessingObserver';
import { MlopsEntityModelProcessor } from './processors/MlopsEntityModelProcessor';
import { catalogSettleQuietMs } from './providers/catalogSettleQuietMs';
import { HandWrittenIndex } from './providers/HandWrittenIndex';
import { MlopsEntityProvider } from './providers/MlopsEntityProvider';
import { NamespaceMetadataReader } from './providers/NamespaceMetadataReader';
import { ReadableModelCounter } from './providers/ReadableModelCounter';
import { readMlopsProviderConfig } from './providers/readMlopsProviderConfig';

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
          settleQuietMs: catalogSettleQuietMs(config),
        });
        processing.addProcessor(new HandWrittenProcessingObserver(handWritten));
        const models = ReadableModelCounter.create({ catalog, auth });
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
            models,
            entities,
          });
        });
        processing.addEntityProvider(providers);
        // Read the catalog's hand-written entities as soon as the catalog serves, so the
        // index has settled by the time the clusters' caches are synced: the first
        // discovery waits for it, and settling takes a few seconds at start.
        lifecycle.addStartupHook(() => {
          void handWritten.ready();
        });
        lifecycle.addShutdownHook(() => {
          handWritten.stop();
          providers.forEach(provider => provider.stop());
        });
      },
    });
  },
});
