import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  mlopsClusterRegistryServiceRef,
  mlopsEntityResolverServiceRef,
  mlopsScaffolderClusterClientsServiceRef,
} from '@backstage-mlops/plugin-mlops-node';
import { createClusterCheckAction } from './actions/clusterCheck';
import { createBuildStartAction } from './actions/buildStart';
import { createManifestsApplyAction } from './actions/manifestsApply';
import { createNamespaceAllowOwnerAction } from './actions/namespaceAllowOwner';
import { createNotebookValidateAction } from './actions/notebookValidate';
import { createTrainingRunAction } from './actions/trainingRun';

/**
 * The mlops scaffolder module: registers the `mlops:*` template actions. They reach
 * the clusters with the scaffolder identity (`mlops.clusters[].scaffolder`), never
 * with the backend plugin's.
 *
 * @public
 */
export const scaffolderModuleMlops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mlops',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        scaffolderActions: scaffolderActionsExtensionPoint,
        clusters: mlopsClusterRegistryServiceRef,
        clients: mlopsScaffolderClusterClientsServiceRef,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        entities: mlopsEntityResolverServiceRef,
      },
      async init({
        config,
        scaffolderActions,
        clusters,
        clients,
        catalog,
        permissions,
        auditor,
        entities,
      }) {
        const appBaseUrl = config.getString('app.baseUrl');
        // The run actions go through mlops-node's one authorization and audit path:
        // the task user's mlops permission on the model, the model's namespace
        // allowing its owner, an mlops-action audit event (via: scaffolder).
        const runDeps = {
          clusters,
          clients,
          appBaseUrl,
          permissions,
          auditor,
          catalog,
          entities,
        };
        scaffolderActions.addActions(
          createClusterCheckAction({ clusters, clients }),
          createNamespaceAllowOwnerAction({ clusters, clients, entities }),
          createManifestsApplyAction({
            clusters,
            clients,
            appBaseUrl,
            kubectlPath: config.getOptionalString(
              'mlops.scaffolder.kubectlPath',
            ),
          }),
          createTrainingRunAction(runDeps),
          createNotebookValidateAction(runDeps),
          createBuildStartAction(runDeps),
        );
      },
    });
  },
});
