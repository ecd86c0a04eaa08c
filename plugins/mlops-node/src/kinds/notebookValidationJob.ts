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
    lastRetryTime?: string;
    results?: Array<{
      cellIndex: number;
      status: 'Success' | 'Failure' | 'Skipped' | string;
      executionTime?: string;
      errorMessage?: string;
      /** A failed cell's traceback (the operator truncates it to 2,000 characters). */
      output?: string;
    }>;
    comparisonResult?: {
      strategy?: string;
      result?: string;
      totalCells?: number;
      matchedCells?: number;
      mismatchedCells?: number;
      diffs?: Array<{
        cellIndex: number;
        cellType?: string;
        diffType?: string;
        expected?: string;
        actual?: string;
        diff?: string;
        severity?: string;
      }>;
    };
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
