import { kubeflow } from './sources';
import { at, NAMESPACE } from './tektonObjects';
import type { WorkbenchFixture } from './types';

// Kubeflow Notebooks (OpenShift AI workbenches) as the notebook controller writes
// them: readyReplicas from the StatefulSet, the workbench container's state, and one
// condition per observed container state whose type is that state (`Running`,
// `Waiting`, `Terminated`) and which has no status (NotebookCondition has none).

const TYPES = kubeflow(
  'components/notebook-controller/api/v1/notebook_types.go',
  '0708d13821a2cd5bed5765806952bc0f68b5643e',
);
const CONTROLLER = kubeflow(
  'components/notebook-controller/controllers/notebook_controller.go',
  '001fc72f8d278a173fbded2eb3244054c380e785',
);
const CULLER = kubeflow(
  'components/notebook-controller/pkg/culler/culler.go',
  'bd5f75b4b6e8a062f198e9ea6c0afd0692458fc2',
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

/** The workbench cases of the corpus. */
export const workbenchFixtures: WorkbenchFixture[] = [
  {
    kind: 'Notebook',
    id: 'workbench-running',
    title: 'The workbench runs',
    sources: [TYPES, CONTROLLER],
    object: notebook({
      readyReplicas: 1,
      containerState: { running: { startedAt: at(30) } },
      conditions: [{ type: 'Running', lastProbeTime: at(31) }],
    }),
    expect: { state: 'Running' },
  },
  {
    kind: 'Notebook',
    id: 'workbench-image-pull',
    title: 'The workbench image cannot be pulled',
    sources: [TYPES, CONTROLLER],
    object: notebook({
      readyReplicas: 0,
      containerState: {
        waiting: {
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image "pytorch:2025.1"',
        },
      },
      conditions: [
        {
          type: 'Waiting',
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image "pytorch:2025.1"',
          lastProbeTime: at(40),
        },
      ],
    }),
    expect: { state: 'Failed', message: /ImagePullBackOff/ },
  },
  {
    kind: 'Notebook',
    id: 'workbench-container-creating',
    title: 'The workbench pod is being created',
    sources: [TYPES, CONTROLLER],
    object: notebook({
      readyReplicas: 0,
      containerState: { waiting: { reason: 'ContainerCreating' } },
      conditions: [
        { type: 'Waiting', reason: 'ContainerCreating', lastProbeTime: at(5) },
      ],
    }),
    expect: { state: 'Starting', message: /ContainerCreating/ },
  },
  {
    kind: 'Notebook',
    id: 'workbench-stopped',
    title: 'The workbench was stopped (kubeflow-resource-stopped)',
    sources: [CULLER, CONTROLLER],
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
    sources: [TYPES, CONTROLLER],
    object: notebook({
      readyReplicas: 0,
      containerState: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: 'back-off 5m0s restarting failed container',
        },
      },
      conditions: [{ type: 'Waiting', reason: 'CrashLoopBackOff' }],
    }),
    expect: { state: 'Failed', message: /CrashLoopBackOff/ },
  },
  {
    kind: 'Notebook',
    id: 'workbench-no-status',
    title: 'Just created: the controller has not written a status',
    sources: [TYPES],
    object: notebook(undefined),
    expect: { state: 'Starting' },
  },
];
