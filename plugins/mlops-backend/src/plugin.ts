import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { mlopsPermissions } from '@backstage-mlops/plugin-mlops-common';
import {
  DefaultMlopsPrometheusClient,
  MlopsClusterWrites,
  mlopsClusterClientsServiceRef,
  mlopsClusterRegistryServiceRef,
  mlopsEntityResolverServiceRef,
  mlopsObjectStoreServiceRef,
} from '@backstage-mlops/plugin-mlops-node';
import { registerMlopsActions } from './actionsRegistry/registerMlopsActions';
import { ModelMutations } from './services/ModelMutations';
import { EntityChangeSignals } from './live/EntityChangeSignals';
import { publishEntityChanges } from './live/publishEntityChanges';
import { refuseLiveConfig } from './live/refuseLiveConfig';
import { refuseActionsConfig } from './routes/refuseActionsConfig';
import { createRouter } from './router';
import { LogSources } from './logs/LogSources';
import { LogStreamer } from './logs/LogStreamer';
import { readLogLimits } from './logs/readLogLimits';
import { createLogRoutes } from './routes/logRoutes';
import { IdempotencyStore } from './database/IdempotencyStore';
import { migrateMlopsDatabase } from './database/migrations';
import { createMutationRoutes } from './routes/mutationRoutes';
import { readNotificationSettings } from './notifications/readNotificationSettings';
import { startModelNotifier } from './notifications/startModelNotifier';
import { CatalogModelIndex } from './ownership/CatalogModelIndex';
import { HealthReader } from './services/HealthReader';
import { LineageReader } from './services/LineageReader';
import { ServingDiagnosisReader } from './services/ServingDiagnosisReader';
import { ModelAccess } from './services/ModelAccess';
import { ServingMetricsReader } from './services/ServingMetricsReader';
import { SummaryReader } from './services/SummaryReader';
import { PipelineParamsReader } from './services/PipelineParamsReader';
import { TrainingReader } from './services/TrainingReader';
import { WorkbenchLinks } from './services/WorkbenchLinks';
import { ValidationErrorCategories } from './services/ValidationErrorCategories';

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
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        database: coreServices.database,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        clusters: mlopsClusterRegistryServiceRef,
        clients: mlopsClusterClientsServiceRef,
        store: mlopsObjectStoreServiceRef,
        entities: mlopsEntityResolverServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const {
          httpAuth,
          httpRouter,
          logger,
          catalog,
          clusters,
          clients,
          store,
        } = deps;
        deps.permissionsRegistry.addPermissions(mlopsPermissions);
        refuseLiveConfig(deps.config);
        refuseActionsConfig(deps.config);
        const notificationSettings = readNotificationSettings(deps.config);

        const entityTtlSeconds =
          deps.config.getOptionalNumber('mlops.cache.entityTtlSeconds') ?? 5;
        const access = ModelAccess.create({
          catalog,
          permissions: deps.permissions,
          entities: deps.entities,
          entityTtlMs: Math.max(0, entityTtlSeconds) * 1000,
        });
        const validationCategories = ValidationErrorCategories.create({
          logger,
          readPodLog: ({ cluster, ...request }) =>
            clients.forCluster(cluster).readPodLog({
              namespace: request.namespace,
              name: request.pod,
              container: request.container,
              tailLines: request.tailLines,
              limitBytes: request.limitBytes,
            }),
        });
        const training = TrainingReader.create({
          store,
          validationCategories,
          logger: logger.child({ component: 'training' }),
        });
        const health = HealthReader.create({
          store,
          workbenchLinks: WorkbenchLinks.create({ clusters }),
        });
        const lineage = LineageReader.create({ store });
        httpRouter.use(
          createRouter({
            httpAuth,
            clusters,
            store,
            access,
            training,
            pipelineParams: PipelineParamsReader.create({ store }),
            health,
            lineage,
            summary: SummaryReader.create({ store, access }),
            servingMetrics: ServingMetricsReader.create({
              prometheus: DefaultMlopsPrometheusClient.create({
                registry: clusters,
              }),
            }),
            diagnosis: ServingDiagnosisReader.create({ store }),
          }),
        );
        const clusterWrites = MlopsClusterWrites.create({ clients });
        // Every mutation, by route or by the actions registry, is authorized and
        // audited here.
        const mutations = ModelMutations.create({
          access,
          permissions: deps.permissions,
          auditor: deps.auditor,
        });
        registerMlopsActions({
          actionsRegistry: deps.actionsRegistry,
          access,
          training,
          health,
          lineage,
          mutations,
          clusterWrites,
        });

        // Which entities a cluster object belongs to, for the work that starts from a
        // cluster change (live updates, notifications): one index of the catalog,
        // placed as the routes above place an entity, read again every
        // mlops.notifications.modelsRefreshSeconds.
        const index = CatalogModelIndex.create({
          catalog,
          auth: deps.auth,
          access,
          store,
          logger: logger.child({ component: 'catalog-index' }),
          refreshMs: notificationSettings.modelsRefreshMs,
        });
        deps.lifecycle.addStartupHook(() => index.start());
        deps.lifecycle.addShutdownHook(() => index.stop());

        // Live updates: a change in the watch cache becomes a Backstage signal naming
        // the entity; the page reads again through the routes above.
        const liveLogger = logger.child({ component: 'live-updates' });
        const stopPublishing = publishEntityChanges({
          store,
          index,
          signals: EntityChangeSignals.create({
            signals: deps.signals,
            logger: liveLogger,
          }),
          logger: liveLogger,
        });
        deps.lifecycle.addShutdownHook(() => stopPublishing());
        httpRouter.use(
          createLogRoutes({
            httpAuth,
            access,
            sources: LogSources.create({ store }),
            streamer: LogStreamer.create({
              clients,
              limits: readLogLimits(deps.config),
              logger: logger.child({ component: 'logs' }),
            }),
          }),
        );

        const knex = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await migrateMlopsDatabase(knex);
        }
        httpRouter.use(
          createMutationRoutes({
            httpAuth,
            mutations,
            idempotency: IdempotencyStore.create(knex, {
              logger,
              retentionMs:
                (deps.config.getOptionalNumber(
                  'mlops.mutations.idempotencyRetentionHours',
                ) ?? 24) * 3600_000,
            }),
            clusterWrites,
          }),
        );
        await startModelNotifier({
          ...deps,
          settings: notificationSettings,
          knex,
          index,
          validationCategories,
        });
      },
    });
  },
});
