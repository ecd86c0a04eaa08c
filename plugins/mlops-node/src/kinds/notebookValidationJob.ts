import type { SlimCondition, SlimObjectMeta } from './objectMeta';

/**
 * A `mlops.mlops.dev/v1alpha1` NotebookValidationJob, reduced to what the plugin shows.
 *
 * @public
 */
export interface SlimNotebookValidationJob {
  metadata: SlimObjectMeta;
  spec: {
    notebook: { git: { url: string; ref: string }; path: string };
    podConfig: {
      containerImage: string;
      buildConfig?: {
        enabled?: boolean;
        strategy?: string;
        baseImage?: string;
      };
    };
    timeout?: string;
  };
  status?: {
    /** Initializing | Building | BuildComplete | ValidationRunning | Succeeded | Failed | Pending | Running */
    phase?: string;
    conditions?: SlimCondition[];
    startTime?: string;
    completionTime?: string;
    message?: string;
    validationPodName?: string;
    retryCount?: number;
    results?: Array<{
      cellIndex: number;
      status: 'Success' | 'Failure' | 'Skipped' | string;
      executionTime?: string;
      errorMessage?: string;
    }>;
    buildStatus?: {
      phase?: string;
      message?: string;
      imageReference?: string;
      startTime?: string;
      completionTime?: string;
      duration?: string;
      buildName?: string;
      strategy?: string;
    };
  };
}
