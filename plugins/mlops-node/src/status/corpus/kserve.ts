import { knativePkg, knativeServing, kserve } from './sources';
import { at, NAMESPACE } from './tektonObjects';
import type { InferenceServiceFixture } from './types';

// KServe v1beta1 InferenceServices in both deployment modes, as KServe's controller
// writes them: conditions through knative/pkg's condition set (sorted by type,
// `severity: Info` on the conditions Ready does not depend on), the model status
// through PropagateModelStatus, and the component status from the Deployment
// (RawDeployment) or the Knative Service (Serverless).

const STATUS_GO = kserve(
  'pkg/apis/serving/v1beta1/inference_service_status.go',
);
const KUBE_INGRESS = kserve(
  'pkg/controller/v1beta1/inferenceservice/reconcilers/ingress/kube_ingress_reconciler.go',
);
const ISTIO_INGRESS = kserve(
  'pkg/controller/v1beta1/inferenceservice/reconcilers/ingress/ingress_reconciler.go',
);
const CONDITION_SET = knativePkg('apis/condition_set.go');
const CONFIGURATION = knativeServing(
  'pkg/apis/serving/v1/configuration_lifecycle.go',
);
const ROUTE = knativeServing('pkg/apis/serving/v1/route_lifecycle.go');
const REVISION = knativeServing('pkg/apis/serving/v1/revision_lifecycle.go');
const KNATIVE_DEPLOY = knativeServing(
  'pkg/reconciler/revision/resources/deploy.go',
);
const CONTROLLER = kserve(
  'pkg/controller/v1beta1/inferenceservice/controller.go',
);

/** A condition as knative/pkg's condition manager writes it. */
function condition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  options: { reason?: string; message?: string; info?: boolean } = {},
) {
  return {
    type,
    status,
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.message ? { message: options.message } : {}),
    ...(options.info ? { severity: 'Info' } : {}),
    lastTransitionTime: at(60),
  };
}

/** Conditions sorted by type, as knative/pkg's SetCondition leaves them. */
function sorted(conditions: Array<{ type: string }>) {
  return [...conditions].sort((a, b) => a.type.localeCompare(b.type));
}

function isvc(options: {
  name: string;
  mode?: string;
  annotations?: Record<string, string>;
  storageUri?: string;
  status: Record<string, unknown>;
}) {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: options.name,
      namespace: NAMESPACE,
      uid: `uid-${options.name}`,
      resourceVersion: '812',
      generation: 2,
      creationTimestamp: at(0),
      labels: { 'model-name': options.name },
      annotations: {
        ...(options.mode
          ? { 'serving.kserve.io/deploymentMode': options.mode }
          : {}),
        ...options.annotations,
      },
    },
    spec: {
      predictor: {
        minReplicas: 1,
        model: {
          modelFormat: { name: 'sklearn' },
          runtime: 'sklearn-runtime',
          storageUri:
            options.storageUri ?? `pvc://model-storage-pvc/${options.name}`,
        },
      },
    },
    status: { observedGeneration: 2, ...options.status },
  };
}

const LOAD_ERROR =
  "FileNotFoundError: [Errno 2] No such file or directory: '/mnt/models/model.joblib'";

/** The InferenceService cases of the corpus. */
export const inferenceServiceFixtures: InferenceServiceFixture[] = [
  {
    kind: 'InferenceService',
    id: 'isvc-raw-ready',
    title:
      'RawDeployment, Ready: the Deployment is available and the model loaded',
    sources: [STATUS_GO, KUBE_INGRESS, CONDITION_SET],
    object: isvc({
      name: 'anomaly-detector',
      mode: 'RawDeployment',
      status: {
        url: 'http://anomaly-detector-mlops-demo.apps.example.com',
        address: {
          url: 'http://anomaly-detector-predictor.mlops-demo.svc.cluster.local',
        },
        components: {
          predictor: {
            url: 'http://anomaly-detector-predictor-mlops-demo.apps.example.com',
          },
        },
        conditions: sorted([
          condition('IngressReady', 'True'),
          condition('PredictorReady', 'True', {
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }),
          condition('Ready', 'True'),
          condition('Stopped', 'False', { info: true }),
        ]),
        deploymentMode: 'RawDeployment',
        servingRuntimeName: 'sklearn-runtime',
        modelStatus: {
          transitionStatus: 'UpToDate',
          states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
          copies: { failedCopies: 0, totalCopies: 1 },
        },
      },
    }),
    expect: {
      ready: 'True',
      modelState: 'Loaded',
      deploymentMode: 'Standard',
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-raw-load-failed-first',
    title:
      'RawDeployment, the first load failed: KServe writes the failure into targetModelState and lastFailureInfo; activeModelState stays empty',
    sources: [STATUS_GO, KUBE_INGRESS, CONDITION_SET],
    object: isvc({
      name: 'predictive-analytics',
      mode: 'RawDeployment',
      status: {
        address: {
          url: 'http://predictive-analytics-predictor.mlops-demo.svc.cluster.local',
        },
        components: { predictor: {} },
        conditions: sorted([
          // The ingress waits for the predictor, and its MarkFalse (the last one)
          // also sets Ready: the first False condition and Ready name a symptom.
          condition('IngressReady', 'False', {
            reason: 'Predictor ingress not created',
          }),
          condition('PredictorReady', 'False', {
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          }),
          condition('Ready', 'False', {
            reason: 'Predictor ingress not created',
          }),
        ]),
        deploymentMode: 'RawDeployment',
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: { activeModelState: '', targetModelState: 'FailedToLoad' },
          lastFailureInfo: {
            reason: 'ModelLoadFailed',
            message: LOAD_ERROR,
            exitCode: 1,
          },
          copies: { failedCopies: 0, totalCopies: 0 },
        },
      },
    }),
    expect: {
      ready: 'False',
      cause: { type: 'PredictorReady', reason: 'MinimumReplicasUnavailable' },
      modelState: 'FailedToLoad',
      loadFailure: /No such file or directory/,
      previousStillServes: false,
      deploymentMode: 'Standard',
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-raw-load-failed-no-message',
    title:
      'RawDeployment, a load failed and the container wrote no termination message (policy File): the failure has only its reason and exit code',
    sources: [
      STATUS_GO,
      kserve(
        'pkg/controller/v1beta1/inferenceservice/reconcilers/deployment/deployment_reconciler.go',
      ),
    ],
    object: isvc({
      name: 'forecast-capacity',
      mode: 'Standard',
      status: {
        conditions: sorted([
          condition('IngressReady', 'False', {
            reason: 'Predictor ingress not created',
          }),
          condition('PredictorReady', 'False', {
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          }),
          condition('Ready', 'False', {
            reason: 'Predictor ingress not created',
          }),
        ]),
        deploymentMode: 'Standard',
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: { activeModelState: '', targetModelState: 'FailedToLoad' },
          lastFailureInfo: { reason: 'ModelLoadFailed', exitCode: 1 },
          copies: { failedCopies: 0, totalCopies: 0 },
        },
      },
    }),
    expect: {
      ready: 'False',
      cause: { type: 'PredictorReady' },
      modelState: 'FailedToLoad',
      // No message from KServe: the failing condition's message stands in.
      loadFailure: /Deployment does not have minimum availability/,
      deploymentMode: 'Standard',
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-raw-new-model-failed-old-serves',
    title:
      'RawDeployment, a new model failed to load while the previous one still serves: Ready stays True, active Loaded, target FailedToLoad',
    sources: [STATUS_GO],
    object: isvc({
      name: 'churn-predictor',
      mode: 'RawDeployment',
      status: {
        url: 'http://churn-predictor-mlops-demo.apps.example.com',
        conditions: sorted([
          condition('IngressReady', 'True'),
          condition('PredictorReady', 'True', {
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }),
          condition('Ready', 'True'),
        ]),
        deploymentMode: 'RawDeployment',
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: {
            activeModelState: 'Loaded',
            targetModelState: 'FailedToLoad',
          },
          lastFailureInfo: {
            reason: 'ModelLoadFailed',
            message:
              'ValueError: model.joblib was saved with scikit-learn 1.6 and cannot be loaded with 1.3',
            exitCode: 1,
          },
          copies: { failedCopies: 0, totalCopies: 1 },
        },
      },
    }),
    expect: {
      ready: 'True',
      modelState: 'FailedToLoad',
      loadFailure: /cannot be loaded/,
      previousStillServes: true,
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-raw-storage-initializer-failed',
    title:
      'RawDeployment, the storage initializer failed to download the model: its log tail is the failure message',
    sources: [STATUS_GO, kserve('pkg/utils/storage.go')],
    object: isvc({
      name: 'fraud-detector',
      mode: 'RawDeployment',
      storageUri: 's3://models/fraud-detector',
      status: {
        conditions: sorted([
          condition('IngressReady', 'False', {
            reason: 'Predictor ingress not created',
          }),
          condition('PredictorReady', 'Unknown', {
            reason: 'ReplicaSetUpdated',
            message:
              'ReplicaSet "fraud-detector-predictor-6d9f" is progressing.',
          }),
          condition('Ready', 'False', {
            reason: 'Predictor ingress not created',
          }),
        ]),
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: { activeModelState: '', targetModelState: 'FailedToLoad' },
          lastFailureInfo: {
            reason: 'ModelLoadFailed',
            message:
              'botocore.exceptions.ClientError: An error occurred (NoSuchBucket) when calling the ListObjects operation: The specified bucket does not exist',
            exitCode: 1,
          },
          copies: { failedCopies: 0, totalCopies: 0 },
        },
      },
    }),
    expect: {
      ready: 'False',
      cause: { type: 'PredictorReady', reason: 'ReplicaSetUpdated' },
      modelState: 'FailedToLoad',
      loadFailure: /NoSuchBucket/,
      deploymentMode: 'Standard',
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-raw-loading',
    title: 'RawDeployment, the predictor is starting: the model is Pending',
    sources: [STATUS_GO],
    object: isvc({
      name: 'anomaly-detector',
      mode: 'RawDeployment',
      status: {
        conditions: sorted([
          condition('IngressReady', 'False', {
            reason: 'Predictor ingress not created',
          }),
          condition('PredictorReady', 'Unknown', {
            reason: 'ReplicaSetUpdated',
            message:
              'ReplicaSet "anomaly-detector-predictor-5c4b" is progressing.',
          }),
          condition('Ready', 'False', {
            reason: 'Predictor ingress not created',
          }),
        ]),
        modelStatus: {
          transitionStatus: 'InProgress',
          states: { activeModelState: '', targetModelState: 'Pending' },
          copies: { failedCopies: 0, totalCopies: 0 },
        },
      },
    }),
    expect: {
      ready: 'False',
      cause: { type: 'PredictorReady', reason: 'ReplicaSetUpdated' },
      modelState: 'Pending',
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-serverless-ready',
    title:
      'Serverless, Ready: Knative conditions (Info severity on those Ready does not depend on), revisions and traffic',
    sources: [STATUS_GO, ISTIO_INGRESS, CONDITION_SET],
    object: isvc({
      name: 'anomaly-detector',
      mode: 'Serverless',
      status: {
        url: 'https://anomaly-detector-mlops-demo.apps.example.com',
        address: {
          url: 'http://anomaly-detector.mlops-demo.svc.cluster.local',
        },
        components: {
          predictor: {
            latestCreatedRevision: 'anomaly-detector-predictor-00002',
            latestReadyRevision: 'anomaly-detector-predictor-00002',
            latestRolledoutRevision: 'anomaly-detector-predictor-00002',
            previousRolledoutRevision: 'anomaly-detector-predictor-00001',
            traffic: [
              {
                latestRevision: true,
                percent: 100,
                revisionName: 'anomaly-detector-predictor-00002',
              },
            ],
            url: 'https://anomaly-detector-predictor-mlops-demo.apps.example.com',
            address: {
              url: 'http://anomaly-detector-predictor.mlops-demo.svc.cluster.local',
            },
          },
        },
        conditions: sorted([
          condition('IngressReady', 'True'),
          condition('LatestDeploymentReady', 'True', { info: true }),
          condition('PredictorConfigurationReady', 'True', { info: true }),
          condition('PredictorReady', 'True'),
          condition('PredictorRouteReady', 'True', { info: true }),
          condition('Ready', 'True'),
          condition('RoutesReady', 'True', { info: true }),
        ]),
        deploymentMode: 'Serverless',
        modelStatus: {
          transitionStatus: 'UpToDate',
          states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
          copies: { failedCopies: 0, totalCopies: 1 },
        },
      },
    }),
    expect: {
      ready: 'True',
      modelState: 'Loaded',
      deploymentMode: 'Knative',
      revisions: true,
      traffic: 1,
      infoConditions: [
        'LatestDeploymentReady',
        'PredictorConfigurationReady',
        'PredictorRouteReady',
        'RoutesReady',
      ],
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-serverless-revision-failed',
    title:
      'Serverless, the revision failed: the first False condition (IngressReady) and Ready name a symptom; the cause is the predictor and its revision',
    sources: [
      STATUS_GO,
      ISTIO_INGRESS,
      CONDITION_SET,
      CONFIGURATION,
      ROUTE,
      REVISION,
      KNATIVE_DEPLOY,
    ],
    object: isvc({
      name: 'predictive-analytics',
      mode: 'Serverless',
      status: {
        components: {
          predictor: {
            latestCreatedRevision: 'predictive-analytics-predictor-00001',
          },
        },
        conditions: sorted([
          condition('IngressReady', 'False', {
            reason: 'Predictor ingress not created',
          }),
          condition('LatestDeploymentReady', 'False', {
            reason: 'PredictorConfigurationReady not ready',
            info: true,
          }),
          condition('PredictorConfigurationReady', 'False', {
            reason: 'RevisionFailed',
            message: `Revision "predictive-analytics-predictor-00001" failed with message: Container failed with: ${LOAD_ERROR}.`,
            info: true,
          }),
          condition('PredictorReady', 'False', {
            reason: 'RevisionFailed',
            message: `Revision "predictive-analytics-predictor-00001" failed with message: Container failed with: ${LOAD_ERROR}.`,
          }),
          condition('PredictorRouteReady', 'False', {
            reason: 'RevisionMissing',
            message:
              'Configuration "predictive-analytics-predictor" does not have any ready Revision.',
            info: true,
          }),
          condition('Ready', 'False', {
            reason: 'Predictor ingress not created',
          }),
          condition('RoutesReady', 'False', {
            reason: 'PredictorRouteReady not ready',
            info: true,
          }),
        ]),
        deploymentMode: 'Serverless',
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: { activeModelState: '', targetModelState: 'FailedToLoad' },
          lastFailureInfo: {
            reason: 'ModelLoadFailed',
            message: LOAD_ERROR,
            exitCode: 1,
          },
          copies: { failedCopies: 0, totalCopies: 0 },
        },
      },
    }),
    expect: {
      ready: 'False',
      cause: { type: 'PredictorReady', reason: 'RevisionFailed' },
      modelState: 'FailedToLoad',
      loadFailure: /No such file or directory/,
      deploymentMode: 'Knative',
      revisions: true,
      infoConditions: [
        'LatestDeploymentReady',
        'PredictorConfigurationReady',
        'PredictorRouteReady',
        'RoutesReady',
      ],
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-serverless-scaled-to-zero-after-failure',
    title:
      'Serverless, no pod left after a failure: KServe sets FailedToLoad without lastFailureInfo; the message comes from the revision condition',
    sources: [STATUS_GO, CONFIGURATION],
    object: isvc({
      name: 'capacity-planner',
      mode: 'Knative',
      status: {
        components: {
          predictor: {
            latestCreatedRevision: 'capacity-planner-predictor-00003',
            latestReadyRevision: 'capacity-planner-predictor-00002',
            traffic: [
              {
                latestRevision: false,
                percent: 100,
                revisionName: 'capacity-planner-predictor-00002',
              },
            ],
          },
        },
        conditions: sorted([
          condition('IngressReady', 'True'),
          condition('PredictorConfigurationReady', 'False', {
            reason: 'RevisionFailed',
            message:
              'Revision "capacity-planner-predictor-00003" failed with message: Container failed with: RuntimeError: unsupported model format.',
            info: true,
          }),
          condition('PredictorReady', 'False', {
            reason: 'RevisionFailed',
            message:
              'Revision "capacity-planner-predictor-00003" failed with message: Container failed with: RuntimeError: unsupported model format.',
          }),
          condition('Ready', 'False', {
            reason: 'RevisionFailed',
            message:
              'Revision "capacity-planner-predictor-00003" failed with message: Container failed with: RuntimeError: unsupported model format.',
          }),
        ]),
        deploymentMode: 'Knative',
        modelStatus: {
          transitionStatus: 'BlockedByFailedLoad',
          states: {
            activeModelState: 'Loaded',
            targetModelState: 'FailedToLoad',
          },
          copies: { failedCopies: 0, totalCopies: 0 },
        },
      },
    }),
    expect: {
      ready: 'False',
      cause: { type: 'PredictorReady', reason: 'RevisionFailed' },
      modelState: 'FailedToLoad',
      loadFailure: /unsupported model format/,
      previousStillServes: true,
      deploymentMode: 'Knative',
      revisions: true,
      traffic: 1,
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-invalid-spec',
    title:
      'No runtime supports the model format: the predictor reconcile stops early, the conditions stay Unknown and KServe records InvalidSpec with NoSupportingRuntime',
    sources: [
      STATUS_GO,
      CONTROLLER,
      kserve('pkg/controller/v1beta1/inferenceservice/components/predictor.go'),
    ],
    object: isvc({
      name: 'legacy-model',
      mode: 'RawDeployment',
      status: {
        conditions: sorted([
          condition('IngressReady', 'Unknown'),
          condition('PredictorReady', 'Unknown'),
          condition('Ready', 'Unknown'),
        ]),
        modelStatus: {
          transitionStatus: 'InvalidSpec',
          states: { activeModelState: '', targetModelState: 'FailedToLoad' },
          lastFailureInfo: {
            reason: 'NoSupportingRuntime',
            message: 'No runtime found to support specified framework/version',
          },
        },
      },
    }),
    expect: {
      ready: 'Unknown',
      cause: { type: 'PredictorReady' },
      modelState: 'FailedToLoad',
      loadFailure: /No runtime found/,
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-stopped',
    title: 'The InferenceService was stopped (serving.kserve.io/stop)',
    sources: [STATUS_GO, KUBE_INGRESS],
    object: isvc({
      name: 'anomaly-detector',
      mode: 'RawDeployment',
      annotations: { 'serving.kserve.io/stop': 'true' },
      status: {
        conditions: sorted([
          condition('IngressReady', 'False', { reason: 'Stopped' }),
          condition('PredictorReady', 'False', { reason: 'Stopped' }),
          condition('Ready', 'False', { reason: 'Stopped' }),
          condition('Stopped', 'True', { info: true }),
        ]),
        modelStatus: {
          transitionStatus: 'UpToDate',
          states: { activeModelState: '', targetModelState: '' },
        },
      },
    }),
    expect: {
      ready: 'False',
      cause: { type: 'Stopped' },
      stopped: true,
      modelState: 'Unknown',
    },
  },
  {
    kind: 'InferenceService',
    id: 'isvc-not-reconciled',
    title: 'Just created: KServe has not written a status yet',
    sources: [STATUS_GO],
    object: isvc({ name: 'new-model', mode: 'RawDeployment', status: {} }),
    expect: { ready: 'Unknown', deploymentMode: 'Standard' },
  },
];
