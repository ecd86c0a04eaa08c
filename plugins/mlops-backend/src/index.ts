import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { kubernetesModuleMlopsClusters } from '@backstage-mlops/plugin-mlops-node';
import { mlopsPlugin } from './plugin';

/**
 * The mlops backend plugin, with the module of the Kubernetes backend plugin that
 * hands it the clusters the Kubernetes plugin locates (`kubernetesModuleMlopsClusters`
 * of `@backstage-mlops/plugin-mlops-node`): `backend.add(import('@backstage-mlops/plugin-mlops-backend'))`
 * next to `@backstage/plugin-kubernetes-backend`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  loader: () => [mlopsPlugin, kubernetesModuleMlopsClusters],
});

export { mlopsPlugin } from './plugin';
