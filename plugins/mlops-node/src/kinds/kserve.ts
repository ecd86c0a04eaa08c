import type { SlimCondition, SlimObjectMeta } from './objectMeta';

/**
 * A `serving.kserve.io/v1beta1` InferenceService, reduced to what the plugin shows.
 *
 * @public
 */
export interface SlimInferenceService {
  metadata: SlimObjectMeta;
  spec: {
    predictor: {
      /** The framework shorthand used (`sklearn`, `xgboost`, …), or `model` / `containers`. */
      form?: string;
      modelFormat?: { name?: string; version?: string };
      runtime?: string;
      storageUri?: string;
      /** First container image, for the pod-style and framework forms. */
      image?: string;
      minReplicas?: number;
      maxReplicas?: number;
      canaryTrafficPercent?: number;
      annotations?: Record<string, string>;
    };
  };
  status?: {
    url?: string;
    address?: { url?: string };
    deploymentMode?: string;
    servingRuntimeName?: string;
    clusterServingRuntimeName?: string;
    conditions?: SlimCondition[];
    components?: {
      predictor?: {
        /** Set once the predictor serves (Serverless: its Knative Service's address). */
        address?: { url?: string };
        latestReadyRevision?: string;
        latestCreatedRevision?: string;
        previousRolledoutRevision?: string;
        latestRolledoutRevision?: string;
        url?: string;
        traffic?: Array<{
          revisionName?: string;
          percent?: number;
          tag?: string;
          latestRevision?: boolean;
        }>;
      };
    };
    modelStatus?: {
      transitionStatus?: string;
      states?: { activeModelState?: string; targetModelState?: string };
      lastFailureInfo?: {
        location?: string;
        reason?: string;
        message?: string;
        modelRevisionName?: string;
        time?: string;
        exitCode?: number;
      };
      copies?: { failedCopies?: number; totalCopies?: number };
    };
  };
}
