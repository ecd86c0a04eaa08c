import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { readLocalPublishConfig } from '../publish/readLocalPublishConfig';
import { createCatalogRegisterAction } from './catalogRegister';
import { createPublishLocalAction } from './publishLocal';

/**
 * The actions of local publishing (`mlops:publish:local`, `mlops:catalog:register`),
 * configured from `mlops.scaffolder.localPublish`. Registered whether or not it is
 * configured: without it, they fail with a message naming the key to set.
 *
 * @public
 */
export function createLocalPublishActions(options: {
  config: Config;
  catalog: CatalogService;
}) {
  const localPublish = readLocalPublishConfig(options.config);
  return [
    createPublishLocalAction({ localPublish }),
    createCatalogRegisterAction({ localPublish, catalog: options.catalog }),
  ];
}
