import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { KubernetesClusterAccessHolder } from './KubernetesClusterAccessHolder';

/**
 * Where the Kubernetes plugin's cluster access arrives (see
 * `kubernetesModuleMlopsClusters`). Root-scoped: one per backend, shared by the mlops
 * backend plugin and its catalog and scaffolder modules through the cluster registry.
 *
 * @public
 */
export const mlopsKubernetesClusterAccessServiceRef =
  createServiceRef<KubernetesClusterAccessHolder>({
    id: 'mlops.kubernetes-cluster-access',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { lifecycle: coreServices.rootLifecycle },
        factory: ({ lifecycle }) => {
          const holder = KubernetesClusterAccessHolder.create();
          lifecycle.addStartupHook(() => holder.backendStarted());
          return holder;
        },
      }),
  });
