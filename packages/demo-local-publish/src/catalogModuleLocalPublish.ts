import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/** The key that turns local publishing on (see config.d.ts). */
const LOCAL_PUBLISH_DIRECTORY_KEY = 'mlops.scaffolder.localPublish.directory';

/**
 * Lets the catalog register `file` locations (besides `url`) when local publishing
 * is configured (`mlops.scaffolder.localPublish.directory`), so the scaffolder action
 * `mlops:catalog:register` can register the catalog-info file of a repository that
 * `mlops:publish:local` wrote. Without that key it changes nothing.
 *
 * Meant for a portal without an SCM host (the local demo): with `file` allowed, any
 * user who may create catalog locations may register a file the backend can read, so
 * production portals do not set the key. The catalog keeps a single list of allowed
 * types: installing another module that sets it overrides this one (or the reverse).
 *
 * @public
 */
export const catalogModuleLocalPublish = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops-local-publish',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        locations: catalogLocationsExtensionPoint,
      },
      async init({ config, logger, locations }) {
        if (!config.getOptionalString(LOCAL_PUBLISH_DIRECTORY_KEY)) {
          return;
        }
        locations.setAllowedLocationTypes(['url', 'file']);
        logger.info(
          `local publishing is configured (${LOCAL_PUBLISH_DIRECTORY_KEY}): the catalog accepts file locations`,
        );
      },
    });
  },
});
