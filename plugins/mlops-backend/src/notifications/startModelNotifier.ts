import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { MlopsObjectStore } from '@backstage-mlops/plugin-mlops-node';
import type { Knex } from 'knex';
import type { CatalogModelIndex } from '../ownership/CatalogModelIndex';
import type { ValidationErrorCategories } from '../services/ValidationErrorCategories';
import { ModelNotifier } from './ModelNotifier';
import { NotificationOutbox } from './NotificationOutbox';
import { NotifierState } from './NotifierState';
import type { NotificationSettings } from './readNotificationSettings';

/**
 * Unless `mlops.notifications` turns it off, starts the {@link ModelNotifier} on the
 * plugin's database and the plugin's index of catalog entities, stopped with the
 * plugin.
 *
 * @internal
 */
export async function startModelNotifier(deps: {
  settings: NotificationSettings;
  knex: Knex;
  index: CatalogModelIndex;
  store: MlopsObjectStore;
  notifications: NotificationService;
  validationCategories: ValidationErrorCategories;
  lifecycle: LifecycleService;
  logger: LoggerService;
}): Promise<ModelNotifier | undefined> {
  const { settings } = deps;
  if (!settings.enabled) {
    deps.logger.info('notifications to model owners are turned off');
    return undefined;
  }
  const logger = deps.logger.child({ component: 'notifications' });
  const notifier = ModelNotifier.create({
    store: deps.store,
    index: deps.index,
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
