import type { SlimObjectMeta } from './objectMeta';

/**
 * A condition of a workbench: the notebook controller mirrors each condition of the
 * workbench pod (`PodScheduled`, `Ready`, `ContainersReady`, …) onto the Notebook.
 *
 * @public
 */
export interface SlimWorkbenchCondition {
  type: string;
  status?: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
}

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
    conditions?: SlimWorkbenchCondition[];
    readyReplicas?: number;
    containerState?: {
      running?: { startedAt?: string };
      waiting?: { reason?: string; message?: string };
      terminated?: { reason?: string; message?: string; exitCode?: number };
    };
  };
}
