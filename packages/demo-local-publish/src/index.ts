/**
 * Local publishing for the local demo portal only (never published): New ML model
 * projects become local git repositories that the catalog registers as `file`
 * locations. A production portal publishes to GitHub or GitLab instead.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleLocalPublish } from './catalogModuleLocalPublish';
import { scaffolderModuleLocalPublish } from './scaffolderModuleLocalPublish';

/**
 * Both modules: `backend.add(import('@backstage-mlops/demo-local-publish'))`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  *loader() {
    yield scaffolderModuleLocalPublish;
    yield catalogModuleLocalPublish;
  },
});

export { catalogModuleLocalPublish, scaffolderModuleLocalPublish };
export { createLocalPublishActions } from './actions/localPublishActions';
export { createPublishLocalAction } from './actions/publishLocal';
export { createCatalogRegisterAction } from './actions/catalogRegister';
export {
  readLocalPublishConfig,
  type LocalPublishConfig,
} from './publish/readLocalPublishConfig';
