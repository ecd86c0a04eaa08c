import { toSlimPipeline } from './toSlimPipeline';
import { toSlimPipelineRun } from './toSlimPipelineRun';
import { toSlimTaskRun } from './toSlimTaskRun';

const metadata = {
  name: 'train-anomaly-detector-abcde',
  namespace: 'mlops-demo',
  uid: 'u',
  resourceVersion: '9',
  labels: {
    'model-name': 'anomaly-detector',
    'tekton.dev/pipeline': 'model-training-pipeline',
  },
  managedFields: [{ manager: 'tekton' }],
};

describe('slim Tekton objects', () => {
  it('slims a PipelineRun: params, cancel state, conditions, children, results; of the resolved spec only its task names and graph', () => {
    expect(
      toSlimPipelineRun({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata,
        spec: {
          pipelineRef: { name: 'model-training-pipeline' },
          params: [
            { name: 'model-name', value: 'anomaly-detector' },
            { name: 'hours', value: ['1', '2'] },
            { value: 'nameless' },
          ],
          status: 'Cancelled',
          timeouts: { pipeline: '1h0m0s' },
          workspaces: [
            { name: 'w', persistentVolumeClaim: { claimName: 'c' } },
          ],
          taskRunTemplate: { serviceAccountName: 'pipeline' },
        },
        status: {
          conditions: [
            {
              type: 'Succeeded',
              status: 'False',
              reason: 'Failed',
              message: 'Tasks Completed: 2 (Failed: 1)',
            },
          ],
          startTime: '2026-01-01T00:00:00Z',
          completionTime: '2026-01-01T00:10:00Z',
          childReferences: [
            {
              apiVersion: 'tekton.dev/v1',
              kind: 'TaskRun',
              name: 'x-train-model',
              pipelineTaskName: 'train-model',
            },
          ],
          results: [{ name: 'model-health', value: 'healthy' }],
          skippedTasks: [
            {
              name: 'health-check',
              reason: 'When Expressions evaluated to false',
              whenExpressions: [],
            },
          ],
          pipelineSpec: { tasks: [{ name: 'huge' }] },
          provenance: { featureFlags: {} },
        },
      }),
    ).toEqual({
      metadata: {
        name: 'train-anomaly-detector-abcde',
        namespace: 'mlops-demo',
        uid: 'u',
        resourceVersion: '9',
        labels: metadata.labels,
      },
      spec: {
        pipelineRef: { name: 'model-training-pipeline' },
        params: [
          { name: 'model-name', value: 'anomaly-detector' },
          { name: 'hours', value: ['1', '2'] },
        ],
        status: 'Cancelled',
        timeouts: { pipeline: '1h0m0s' },
      },
      status: {
        conditions: [
          {
            type: 'Succeeded',
            status: 'False',
            reason: 'Failed',
            message: 'Tasks Completed: 2 (Failed: 1)',
          },
        ],
        startTime: '2026-01-01T00:00:00Z',
        completionTime: '2026-01-01T00:10:00Z',
        childReferences: [
          {
            kind: 'TaskRun',
            name: 'x-train-model',
            pipelineTaskName: 'train-model',
          },
        ],
        results: [{ name: 'model-health', value: 'healthy' }],
        skippedTasks: [
          {
            name: 'health-check',
            reason: 'When Expressions evaluated to false',
            whenExpressions: [],
          },
        ],
        pipelineTasks: { tasks: ['huge'], finally: [] },
        pipelineDag: [{ name: 'huge', after: [] }],
      },
    });
  });

  it('slims a PipelineRun without status (just created)', () => {
    expect(
      toSlimPipelineRun({ metadata, spec: { pipelineRef: { name: 'p' } } }),
    ).toEqual({
      metadata: expect.objectContaining({ name: metadata.name }),
      spec: { pipelineRef: { name: 'p' } },
      status: undefined,
    });
  });

  it('slims a TaskRun with its steps', () => {
    const run = toSlimTaskRun({
      metadata,
      spec: {
        taskRef: { kind: 'Task', name: 'restart-inference-service' },
        params: [],
        timeout: '1h',
      },
      status: {
        podName: 'x-pod',
        steps: [
          {
            name: 'restart-predictor',
            container: 'step-restart-predictor',
            imageID: 'quay.io/x@sha256:1',
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: 'a',
              finishedAt: 'b',
              containerID: 'cri-o://x',
            },
            terminationReason: 'Error',
          },
          { name: 'wait', running: { startedAt: 'c' } },
          { name: 'later', waiting: { reason: 'PodInitializing' } },
        ],
        results: [{ name: 'r', type: 'string', value: 'v' }],
        taskSpec: { steps: [{ script: 'very long' }] },
      },
    });
    expect(run?.spec).toEqual({
      taskRef: { name: 'restart-inference-service' },
    });
    expect(run?.status).toEqual({
      podName: 'x-pod',
      steps: [
        {
          name: 'restart-predictor',
          container: 'step-restart-predictor',
          imageID: 'quay.io/x@sha256:1',
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: 'a',
            finishedAt: 'b',
          },
          terminationReason: 'Error',
        },
        { name: 'wait', running: { startedAt: 'c' } },
        { name: 'later', waiting: { reason: 'PodInitializing' } },
      ],
      results: [{ name: 'r', value: 'v' }],
    });
  });

  it('reduces a Pipeline to its interface', () => {
    expect(
      toSlimPipeline({
        metadata,
        spec: {
          description: 'Train and deploy',
          params: [
            {
              name: 'data-source',
              type: 'string',
              default: 'synthetic',
              enum: ['synthetic', 'prometheus'],
            },
          ],
          workspaces: [{ name: 'model-storage', optional: false }],
          tasks: [
            {
              name: 'health-check',
              taskRef: { name: 'validate-model-health' },
              runAfter: ['train-model'],
              when: [
                {
                  input: '$(params.health-check-enabled)',
                  operator: 'in',
                  values: ['true'],
                },
              ],
              params: [{ name: 'x', value: 'y' }],
              taskSpec: { steps: [{ script: 'long' }] },
            },
          ],
          finally: [{ name: 'notify', taskRef: { name: 'send' } }],
        },
      })?.spec,
    ).toEqual({
      description: 'Train and deploy',
      params: [
        {
          name: 'data-source',
          type: 'string',
          default: 'synthetic',
          enum: ['synthetic', 'prometheus'],
        },
      ],
      workspaces: [{ name: 'model-storage', optional: false }],
      tasks: [
        {
          name: 'health-check',
          taskRef: { name: 'validate-model-health' },
          runAfter: ['train-model'],
          when: [
            {
              input: '$(params.health-check-enabled)',
              operator: 'in',
              values: ['true'],
            },
          ],
        },
      ],
      finally: [{ name: 'notify', taskRef: { name: 'send' } }],
    });
  });
});
