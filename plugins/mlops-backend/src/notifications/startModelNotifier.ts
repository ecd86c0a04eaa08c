import type {
  AuthService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  MlopsEntityResolver,
  MlopsObjectStore,
} from '@backstage-mlops/plugin-mlops-node';
import type { Knex } from 'knex';
import { ModelDirectory } from '../ownership/ModelDirectory';
import type { ValidationErrorCategories } from '../services/ValidationErrorCategories';
import { ModelNotifier } from './ModelNotifier';
import { NotificationOutbox } from './NotificationOutbox';
import { NotifierState } from './NotifierState';
import { readNotificationSettings } from './readNotificationSettings';

/**
 * Reads `mlops.notifications` and, unless it is turned off, starts the
 * {@link ModelNotifier} on the plugin's database, stopped with the plugin.
 *
 * @internal
 */
export async function startModelNotifier(deps: {
  config: RootConfigService;
  knex: Knex;
  auth: AuthService;
  catalog: CatalogService;
  entities: MlopsEntityResolver;
  store: MlopsObjectStore;
  notifications: NotificationService;
  validationCategories: ValidationErrorCategories;
  lifecycle: LifecycleService;
  logger: LoggerService;
}): Promise<ModelNotifier | undefined> {
  const settings = readNotificationSettings(deps.config);
  if (!settings.enabled) {
    deps.logger.info('notifications to model owners are turned off');
    return undefined;
  }
  const logger = deps.logger.child({ component: 'notifications' });
  const notifier = ModelNotifier.create({
    store: deps.store,
    directory: ModelDirectory.create({
      catalog: deps.catalog,
      auth: deps.auth,
      entities: deps.entities,
      logger,
      refreshMs: settings.modelsRefreshMs,
    }),
    outbox: NotificationOutbox.create(deps.knex, {
      notifications: deps.notifications,
      logger,
      maxAttempts: settings.maxAttempts,
      retryMs: settings.retryMs,
      leaseMs: 60_000,
      retentionMs: settings.retentionMs,
    }),
    state: NotifierState.create(deps.knex),
    validationCategories: deps.validationCategories,
    logger,
    settings,
  });
  await notifier.start();
  deps.lifecycle.addShutdownHook(() => notifier.stop());
  return notifier;
}
