import type { SlimCondition, SlimObjectMeta } from './objectMeta';

/**
 * A `kubeflow.org/v1` Notebook (an OpenShift AI workbench), reduced to what the plugin
 * shows. Metadata keeps the `kubeflow-resource-stopped` and dashboard annotations.
 *
 * @public
 */
export interface SlimWorkbench {
  metadata: SlimObjectMeta;
  spec: {
    /** Image of the workbench container (the container named like the Notebook, else the first). */
    image?: string;
    /** `nvidia.com/gpu` limit of that container, 0 when none. */
    gpu?: number;
  };
  status?: {
    conditions?: SlimCondition[];
    readyReplicas?: number;
    containerState?: {
      running?: { startedAt?: string };
      waiting?: { reason?: string; message?: string };
      terminated?: { reason?: string; message?: string; exitCode?: number };
    };
  };
}
