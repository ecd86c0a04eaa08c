import {
  kubeflow,
  kubeflowNotebooks,
  kubernetes,
  odhKubeflow,
} from './sources';
import { at, NAMESPACE } from './tektonObjects';
import type { WorkbenchFixture } from './types';

// Kubeflow Notebooks (OpenShift AI workbenches) as the notebook controller writes
// them (createNotebookStatus): the status is rebuilt on every reconcile from the
// StatefulSet's readyReplicas, the state of the container named like the Notebook,
// and the pod's conditions mirrored one for one (type, status, reason, message,
// lastProbeTime, lastTransitionTime). Without a pod (stopped, or not created yet) it
// is `conditions: []`, `containerState: {}`.

const CONTROLLER = kubeflowNotebooks(
  'components/notebook-controller/controllers/notebook_controller.go',
  '0cd313dac0c81298c999a2acac756782a324b616',
);
const CRD = kubeflowNotebooks(
  'components/notebook-controller/config/crd/bases/kubeflow.org_notebooks.yaml',
  'c1350d186f828efaa0f1a478c3553a7989584301',
);
const ODH_CONTROLLER = odhKubeflow(
  'components/notebook-controller/controllers/notebook_controller.go',
);
const CULLER = kubeflow(
  'components/notebook-controller/pkg/culler/culler.go',
  'bd5f75b4b6e8a062f198e9ea6c0afd0692458fc2',
);
const POD_CONDITIONS = kubernetes(
  'pkg/kubelet/status/generate.go',
  'e4b6dc5a70de2c18b80897d104473342bc5452e5',
);
const POD_STATUS = kubernetes(
  'pkg/kubelet/kubelet_pods.go',
  'df5f02437d38bc34f37e48b584b83a7227db3977',
);

const NAME = 'anomaly-detector-workbench';

function notebook(
  status: Record<string, unknown> | undefined,
  annotations: Record<string, string> = {},
) {
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'Notebook',
    metadata: {
      name: NAME,
      namespace: NAMESPACE,
      uid: `uid-${NAME}`,
      resourceVersion: '33',
      creationTimestamp: at(0),
      labels: { app: NAME, 'opendatahub.io/dashboard': 'true' },
      annotations: {
        'openshift.io/display-name': 'Anomaly detector',
        ...annotations,
      },
    },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: NAME,
              image:
                'image-registry.openshift-image-registry.svc:5000/redhat-ods-applications/pytorch:2025.1',
              resources: { limits: { 'nvidia.com/gpu': '1' } },
            },
          ],
        },
      },
    },
    ...(status ? { status } : {}),
  };
}

/** A pod condition as the notebook controller mirrors it. */
function podCondition(
  type: string,
  status: 'True' | 'False',
  minute: number,
  reason?: string,
  message?: string,
) {
  return {
    type,
    status,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    lastProbeTime: at(minute),
    lastTransitionTime: at(minute),
  };
}

/** The pod's conditions once scheduled, with its container not (yet) ready. */
function notReady(minute: number, readyToStart: boolean) {
  const unready = `containers with unready status: [${NAME}]`;
  return [
    podCondition('PodScheduled', 'True', minute),
    podCondition(
      'PodReadyToStartContainers',
      readyToStart ? 'True' : 'False',
      minute,
    ),
    podCondition('Initialized', 'True', minute),
    podCondition('Ready', 'False', minute, 'ContainersNotReady', unready),
    podCondition(
      'ContainersReady',
      'False',
      minute,
      'ContainersNotReady',
      unready,
    ),
  ];
}

/** The pod's conditions with its container ready. */
function ready(minute: number) {
  return [
    'PodScheduled',
    'PodReadyToStartContainers',
    'Initialized',
    'Ready',
    'ContainersReady',
  ].map(type => podCondition(type, 'True', minute));
}

/** The workbench cases of the corpus. */
export const workbenchFixtures: WorkbenchFixture[] = [
  {
    kind: 'Notebook',
    id: 'workbench-running',
    title: 'The workbench runs',
    sources: [CONTROLLER, ODH_CONTROLLER, POD_STATUS],
    object: notebook({
      readyReplicas: 1,
      containerState: { running: { startedAt: at(30) } },
      conditions: ready(31),
    }),
    expect: { state: 'Running' },
  },
  {
    kind: 'Notebook',
    id: 'workbench-image-pull',
    title: 'The workbench image cannot be pulled',
    sources: [CONTROLLER, POD_CONDITIONS],
    object: notebook({
      readyReplicas: 0,
      containerState: {
        waiting: {
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image "pytorch:2025.1"',
        },
      },
      conditions: notReady(40, true),
    }),
    expect: { state: 'Failed', message: /ImagePullBackOff/ },
  },
  {
    kind: 'Notebook',
    id: 'workbench-container-creating',
    title: 'The workbench pod is being created',
    sources: [CONTROLLER, POD_CONDITIONS, POD_STATUS],
    object: notebook({
      readyReplicas: 0,
      containerState: { waiting: { reason: 'ContainerCreating' } },
      conditions: notReady(5, false),
    }),
    expect: { state: 'Starting', message: /ContainerCreating/ },
  },
  {
    kind: 'Notebook',
    id: 'workbench-unschedulable',
    title:
      'No node has a free GPU: the pod is not scheduled and has no container state',
    sources: [CONTROLLER, POD_STATUS],
    object: notebook({
      readyReplicas: 0,
      containerState: {},
      conditions: [
        podCondition(
          'PodScheduled',
          'False',
          2,
          'Unschedulable',
          '0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ],
    }),
    expect: { state: 'Starting', message: /Insufficient nvidia\.com\/gpu/ },
  },
  {
    kind: 'Notebook',
    id: 'workbench-stopping',
    title: 'Stopped a moment ago: the annotation is set and the pod still runs',
    sources: [CULLER, CONTROLLER],
    object: notebook(
      {
        readyReplicas: 1,
        containerState: { running: { startedAt: at(30) } },
        conditions: ready(31),
      },
      { 'kubeflow-resource-stopped': '2026-05-01T09:00:00Z' },
    ),
    expect: { state: 'Stopping' },
  },
  {
    kind: 'Notebook',
    id: 'workbench-stopped',
    title: 'The workbench was stopped (kubeflow-resource-stopped)',
    sources: [CULLER, CONTROLLER, CRD],
    object: notebook(
      { readyReplicas: 0, containerState: {}, conditions: [] },
      { 'kubeflow-resource-stopped': '2026-05-01T09:00:00Z' },
    ),
    expect: { state: 'Stopped' },
  },
  {
    kind: 'Notebook',
    id: 'workbench-crash-loop',
    title: 'The notebook server crashes on start',
    sources: [CONTROLLER, POD_CONDITIONS],
    object: notebook({
      readyReplicas: 0,
      containerState: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${NAME} pod=${NAME}-0_${NAMESPACE}(uid-pod)`,
        },
      },
      conditions: notReady(50, true),
    }),
    expect: { state: 'Failed', message: /CrashLoopBackOff/ },
  },
  {
    kind: 'Notebook',
    id: 'workbench-no-status',
    title: 'Just created: the controller has not written a status',
    sources: [CRD],
    object: notebook(undefined),
    expect: { state: 'Starting' },
  },
];
