import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { kubernetesObjectsProviderExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { mlopsKubernetesClusterAccessServiceRef } from './kubernetesClusterAccessServiceRef';

/**
 * The module of the Kubernetes backend plugin that hands its cluster access to
 * backstage-mlops: the clusters its locators find (`config`, `catalog`, `gke`,
 * `localKubectlProxy`, or a module's supplier) and its auth strategy (every auth
 * provider, including those modules add). It takes part through the public
 * `kubernetesObjectsProviderExtensionPoint` and keeps the plugin's default objects
 * provider, so the Kubernetes plugin works as before. It is installed with
 * `@backstage-mlops/plugin-mlops-backend`.
 *
 * That extension point takes one objects provider per backend: a backend that
 * installs its own objects provider cannot also install this module (the Kubernetes
 * plugin then fails to start, saying so).
 *
 * @public
 */
export const kubernetesModuleMlopsClusters = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'mlops-clusters',
  register(env) {
    env.registerInit({
      deps: {
        objectsProviders: kubernetesObjectsProviderExtensionPoint,
        access: mlopsKubernetesClusterAccessServiceRef,
        auth: coreServices.auth,
      },
      async init({ objectsProviders, access, auth }) {
        objectsProviders.addObjectsProvider(
          async ({ getDefault, clusterSupplier, authStrategy }) => {
            access.supply({
              // The Kubernetes plugin's own identity, e.g. for its catalog locator.
              getClusters: async () =>
                clusterSupplier.getClusters({
                  credentials: await auth.getOwnServiceCredentials(),
                }),
              authStrategy,
            });
            return getDefault();
          },
        );
      },
    });
  },
});
