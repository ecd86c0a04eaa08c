import { tekton } from './sources';
import {
  at,
  childRef,
  pipelineRun,
  resolvedPipeline,
  step,
  succeeded,
  succeededTaskRun,
  taskRun,
} from './tektonObjects';
import type { PipelineRunFixture, TaskRunFixture } from './types';

// Tekton Pipelines v1 PipelineRuns and TaskRuns as the Tekton controller writes them.

const PIPELINE = 'model-training-pipeline';
const TYPES_PR = tekton('pkg/apis/pipeline/v1/pipelinerun_types.go');
const TYPES_TR = tekton('pkg/apis/pipeline/v1/taskrun_types.go');
const STATE = tekton(
  'pkg/reconciler/pipelinerun/resources/pipelinerunstate.go',
);
const RESOLUTION = tekton(
  'pkg/reconciler/pipelinerun/resources/pipelinerunresolution.go',
);
const RECONCILER = tekton('pkg/reconciler/pipelinerun/pipelinerun.go');
const POD_STATUS = tekton('pkg/pod/status.go');
const TR_RECONCILER = tekton('pkg/reconciler/taskrun/taskrun.go');
const DOCS_PR = tekton('docs/pipelineruns.md');
const DOCS_TR = tekton('docs/taskruns.md');
const DOCS_PIPELINES = tekton('docs/pipelines.md');

const WHEN_HEALTH_CHECK = [
  { input: 'false', operator: 'in', values: ['true'] },
];

/** A failed step's TaskRun as pkg/pod/status.go writes it at this commit. */
function failedTaskRun(
  run: string,
  task: string,
  from: number,
  to: number,
  options: { memberOf?: 'tasks' | 'finally'; reason?: string } = {},
) {
  return taskRun({
    run,
    task,
    memberOf: options.memberOf,
    status: {
      conditions: [
        succeeded(
          'False',
          options.reason ?? 'StepFailed',
          `"step-${task}" exited with code 1: Error`,
          to,
        ),
      ],
      startTime: at(from),
      completionTime: at(to),
      steps: [step(task, { exitCode: 1, reason: 'Error', from, to })],
    },
  });
}

const succeededRun = 'train-anomaly-detector-ok1a2';
const completedRun = 'train-anomaly-detector-sk3b4';
const failedRun = 'train-anomaly-detector-fl5c6';
const finallyRun = 'train-anomaly-detector-fn7d8';
const finallyFailedRun = 'train-anomaly-detector-ff9e0';
const ignoredRun = 'train-anomaly-detector-ig1f2';
const retriedRun = 'train-anomaly-detector-rt3g4';
const exhaustedRun = 'train-anomaly-detector-rx5h6';
const timedOutRun = 'train-anomaly-detector-to7i8';
const cancelledRun = 'train-anomaly-detector-cn9j0';
const cancellingRun = 'train-anomaly-detector-cf1k2';
const stoppedRun = 'train-anomaly-detector-st3l4';
const pendingRun = 'train-anomaly-detector-pd5m6';
const runningRun = 'train-anomaly-detector-rn7n8';
const missingPipelineRun = 'train-anomaly-detector-mp9o0';
const embeddedRun = 'train-anomaly-detector-em1p2';
const resolverRun = 'train-anomaly-detector-rs3q4';
const gitResolverRun = 'train-anomaly-detector-gr5r6';
const missingResultsRun = 'train-anomaly-detector-mr7s8';
const timeoutFinallyRun = 'train-anomaly-detector-tf9t0';
const parentSkipRun = 'train-anomaly-detector-ps1u2';

/** The PipelineRun cases of the corpus. */
export const pipelineRunFixtures: PipelineRunFixture[] = [
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-succeeded',
    title: 'Every task succeeded',
    sources: [STATE, DOCS_PR],
    run: pipelineRun({
      name: succeededRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'True',
            'Succeeded',
            'Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 0',
            400,
          ),
        ],
        startTime: at(0),
        completionTime: at(400),
        pipelineSpec: resolvedPipeline(),
        childReferences: [
          'train-model',
          'health-check',
          'deploy-model',
          'post-deployment-check',
        ].map(task => childRef(succeededRun, task)),
        results: [{ name: 'model-health', value: 'healthy' }],
      },
    }),
    taskRuns: [
      succeededTaskRun(succeededRun, 'train-model', 1, 200),
      succeededTaskRun(succeededRun, 'health-check', 201, 250, {
        results: [{ name: 'model-health', type: 'string', value: 'healthy' }],
      }),
      succeededTaskRun(succeededRun, 'deploy-model', 251, 350),
      succeededTaskRun(succeededRun, 'post-deployment-check', 351, 399),
    ],
    expect: {
      status: 'Succeeded',
      reason: 'Succeeded',
      noCause: true,
      counts: { total: 4, succeeded: 4, failed: 0, skipped: 0, ignored: 0 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-completed-when-skipped',
    title:
      'A task was skipped by its when expression: the run is Completed, the skipped task has its reason',
    sources: [STATE, TYPES_PR, DOCS_PR],
    run: pipelineRun({
      name: completedRun,
      pipeline: PIPELINE,
      params: [
        { name: 'model-name', value: 'anomaly-detector' },
        { name: 'health-check-enabled', value: 'false' },
      ],
      status: {
        conditions: [
          succeeded(
            'True',
            'Completed',
            'Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 1',
            300,
          ),
        ],
        startTime: at(0),
        completionTime: at(300),
        pipelineSpec: resolvedPipeline(),
        childReferences: [
          'train-model',
          'deploy-model',
          'post-deployment-check',
        ].map(task => childRef(completedRun, task)),
        skippedTasks: [
          {
            name: 'health-check',
            reason: 'When Expressions evaluated to false',
            whenExpressions: WHEN_HEALTH_CHECK,
          },
        ],
      },
    }),
    taskRuns: [
      succeededTaskRun(completedRun, 'train-model', 1, 200),
      succeededTaskRun(completedRun, 'deploy-model', 201, 250),
      succeededTaskRun(completedRun, 'post-deployment-check', 251, 299),
    ],
    expect: {
      status: 'Succeeded',
      reason: 'Completed',
      noCause: true,
      skipped: [
        {
          name: 'health-check',
          reason: 'When Expressions evaluated to false',
          when: true,
        },
      ],
      counts: { total: 4, succeeded: 3, skipped: 1 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-task-failed',
    title:
      'A task failed: the run names it with its step exit as the cause, the rest are skipped because the run was stopping',
    sources: [STATE, RESOLUTION, POD_STATUS, TYPES_TR],
    run: pipelineRun({
      name: failedRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'False',
            'Failed',
            'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 3',
            200,
          ),
        ],
        startTime: at(0),
        completionTime: at(200),
        pipelineSpec: resolvedPipeline(),
        childReferences: [childRef(failedRun, 'train-model')],
        skippedTasks: [
          'health-check',
          'deploy-model',
          'post-deployment-check',
        ].map(name => ({ name, reason: 'PipelineRun was stopping' })),
      },
    }),
    taskRuns: [failedTaskRun(failedRun, 'train-model', 1, 199)],
    expect: {
      status: 'Failed',
      reason: 'Failed',
      cause: {
        task: 'train-model',
        reason: 'StepFailed',
        message: /"step-train-model" exited with code 1/,
      },
      tasks: [
        {
          pipelineTask: 'train-model',
          status: 'Failed',
          steps: ['failed'],
        },
      ],
      skipped: [
        { name: 'health-check', reason: 'PipelineRun was stopping' },
        { name: 'deploy-model', reason: 'PipelineRun was stopping' },
        { name: 'post-deployment-check', reason: 'PipelineRun was stopping' },
      ],
      counts: { total: 4, failed: 1, skipped: 3 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-failed-with-finally',
    title:
      'A task failed and the finally task ran: the cause is the failed task, the finally task is marked and listed last',
    sources: [STATE, RECONCILER, DOCS_PIPELINES],
    run: pipelineRun({
      name: finallyRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'False',
            'Failed',
            'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 2',
            320,
          ),
        ],
        startTime: at(0),
        completionTime: at(320),
        finallyStartTime: at(261),
        pipelineSpec: resolvedPipeline({ finally: ['report-result'] }),
        childReferences: [
          childRef(finallyRun, 'train-model'),
          childRef(finallyRun, 'report-result'),
          childRef(finallyRun, 'health-check'),
        ],
        skippedTasks: ['deploy-model', 'post-deployment-check'].map(name => ({
          name,
          reason: 'PipelineRun was stopping',
        })),
      },
    }),
    taskRuns: [
      succeededTaskRun(finallyRun, 'train-model', 1, 200),
      failedTaskRun(finallyRun, 'health-check', 201, 260),
      succeededTaskRun(finallyRun, 'report-result', 261, 319, {
        memberOf: 'finally',
      }),
    ],
    expect: {
      status: 'Failed',
      cause: { task: 'health-check', reason: 'StepFailed' },
      tasks: [
        { pipelineTask: 'train-model', status: 'Succeeded' },
        { pipelineTask: 'health-check', status: 'Failed' },
        { pipelineTask: 'report-result', status: 'Succeeded', finally: true },
      ],
      counts: { total: 5, succeeded: 2, failed: 1, skipped: 2 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-finally-failed',
    title:
      'Every task succeeded but the finally task failed: the run failed, and the cause is the finally task',
    sources: [STATE, DOCS_PIPELINES],
    run: pipelineRun({
      name: finallyFailedRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'False',
            'Failed',
            'Tasks Completed: 5 (Failed: 1, Cancelled 0), Skipped: 0',
            460,
          ),
        ],
        startTime: at(0),
        completionTime: at(460),
        finallyStartTime: at(400),
        pipelineSpec: resolvedPipeline({ finally: ['report-result'] }),
        childReferences: [
          'train-model',
          'health-check',
          'deploy-model',
          'post-deployment-check',
          'report-result',
        ].map(task => childRef(finallyFailedRun, task)),
      },
    }),
    taskRuns: [
      succeededTaskRun(finallyFailedRun, 'train-model', 1, 200),
      succeededTaskRun(finallyFailedRun, 'health-check', 201, 250),
      succeededTaskRun(finallyFailedRun, 'deploy-model', 251, 350),
      succeededTaskRun(finallyFailedRun, 'post-deployment-check', 351, 399),
      failedTaskRun(finallyFailedRun, 'report-result', 400, 459, {
        memberOf: 'finally',
      }),
    ],
    expect: {
      status: 'Failed',
      cause: { task: 'report-result', finally: true, reason: 'StepFailed' },
      counts: { total: 5, succeeded: 4, failed: 1 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-failure-ignored',
    title:
      'A task with onError: continue failed: its TaskRun is FailureIgnored and the run Succeeded',
    sources: [STATE, POD_STATUS, DOCS_PIPELINES, DOCS_TR],
    run: pipelineRun({
      name: ignoredRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'True',
            'Succeeded',
            'Tasks Completed: 5 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0',
            460,
          ),
        ],
        startTime: at(0),
        completionTime: at(460),
        pipelineSpec: resolvedPipeline({ extraTasks: ['publish-model-card'] }),
        childReferences: [
          'train-model',
          'health-check',
          'deploy-model',
          'post-deployment-check',
          'publish-model-card',
        ].map(task => childRef(ignoredRun, task)),
      },
    }),
    taskRuns: [
      succeededTaskRun(ignoredRun, 'train-model', 1, 200),
      succeededTaskRun(ignoredRun, 'health-check', 201, 250),
      succeededTaskRun(ignoredRun, 'deploy-model', 251, 350),
      succeededTaskRun(ignoredRun, 'post-deployment-check', 351, 399),
      failedTaskRun(ignoredRun, 'publish-model-card', 400, 459, {
        reason: 'FailureIgnored',
      }),
    ],
    expect: {
      status: 'Succeeded',
      noCause: true,
      tasks: [
        { pipelineTask: 'train-model', status: 'Succeeded' },
        { pipelineTask: 'health-check', status: 'Succeeded' },
        { pipelineTask: 'deploy-model', status: 'Succeeded' },
        { pipelineTask: 'post-deployment-check', status: 'Succeeded' },
        {
          pipelineTask: 'publish-model-card',
          status: 'Failed',
          failureIgnored: true,
        },
      ],
      counts: { total: 5, succeeded: 4, failed: 0, ignored: 1 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-retried-then-succeeded',
    title:
      'A task failed once and succeeded on its retry: its earlier attempt is kept in retriesStatus',
    sources: [TR_RECONCILER, TYPES_TR, DOCS_TR],
    run: pipelineRun({
      name: retriedRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'True',
            'Succeeded',
            'Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 0',
            500,
          ),
        ],
        startTime: at(0),
        completionTime: at(500),
        pipelineSpec: resolvedPipeline(),
        childReferences: [
          'train-model',
          'health-check',
          'deploy-model',
          'post-deployment-check',
        ].map(task => childRef(retriedRun, task)),
      },
    }),
    taskRuns: [
      succeededTaskRun(retriedRun, 'train-model', 1, 200),
      succeededTaskRun(retriedRun, 'health-check', 201, 250),
      taskRun({
        run: retriedRun,
        task: 'deploy-model',
        spec: { retries: 2 },
        status: {
          podName: `${retriedRun}-deploy-model-pod-retry1`,
          conditions: [
            succeeded(
              'True',
              'Succeeded',
              'All Steps have completed executing',
              450,
            ),
          ],
          startTime: at(320),
          completionTime: at(450),
          steps: [
            step('restart-predictor', {
              exitCode: 0,
              reason: 'Completed',
              from: 321,
              to: 449,
            }),
          ],
          retriesStatus: [
            {
              conditions: [
                succeeded(
                  'False',
                  'StepFailed',
                  '"step-restart-predictor" exited with code 1: Error',
                  310,
                ),
              ],
              podName: `${retriedRun}-deploy-model-pod`,
              startTime: at(251),
              completionTime: at(310),
              steps: [
                step('restart-predictor', {
                  exitCode: 1,
                  reason: 'Error',
                  from: 252,
                  to: 309,
                }),
              ],
            },
          ],
        },
      }),
      succeededTaskRun(retriedRun, 'post-deployment-check', 451, 499),
    ],
    expect: {
      status: 'Succeeded',
      noCause: true,
      tasks: [
        { pipelineTask: 'train-model', status: 'Succeeded' },
        { pipelineTask: 'health-check', status: 'Succeeded' },
        {
          pipelineTask: 'deploy-model',
          status: 'Succeeded',
          earlierAttempts: 1,
        },
        { pipelineTask: 'post-deployment-check', status: 'Succeeded' },
      ],
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-retries-exhausted',
    title:
      'A task failed on every attempt: the run failed, the task shows its earlier attempts',
    sources: [TR_RECONCILER, STATE],
    run: pipelineRun({
      name: exhaustedRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'False',
            'Failed',
            'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 1',
            420,
          ),
        ],
        startTime: at(0),
        completionTime: at(420),
        pipelineSpec: resolvedPipeline(),
        childReferences: ['train-model', 'health-check', 'deploy-model'].map(
          task => childRef(exhaustedRun, task),
        ),
        skippedTasks: [
          { name: 'post-deployment-check', reason: 'PipelineRun was stopping' },
        ],
      },
    }),
    taskRuns: [
      succeededTaskRun(exhaustedRun, 'train-model', 1, 200),
      succeededTaskRun(exhaustedRun, 'health-check', 201, 250),
      taskRun({
        run: exhaustedRun,
        task: 'deploy-model',
        spec: { retries: 2 },
        status: {
          podName: `${exhaustedRun}-deploy-model-pod-retry2`,
          conditions: [
            succeeded(
              'False',
              'StepFailed',
              '"step-restart-predictor" exited with code 1: Error',
              419,
            ),
          ],
          startTime: at(380),
          completionTime: at(419),
          steps: [
            step('restart-predictor', {
              exitCode: 1,
              reason: 'Error',
              from: 381,
              to: 418,
            }),
          ],
          retriesStatus: [
            {
              conditions: [
                succeeded('False', 'StepFailed', 'attempt 1 failed', 300),
              ],
              podName: `${exhaustedRun}-deploy-model-pod`,
              startTime: at(251),
              completionTime: at(300),
            },
            {
              conditions: [
                succeeded('False', 'StepFailed', 'attempt 2 failed', 370),
              ],
              podName: `${exhaustedRun}-deploy-model-pod-retry1`,
              startTime: at(310),
              completionTime: at(370),
            },
          ],
        },
      }),
    ],
    expect: {
      status: 'Failed',
      cause: { task: 'deploy-model', reason: 'StepFailed' },
      tasks: [
        { pipelineTask: 'train-model', status: 'Succeeded' },
        { pipelineTask: 'health-check', status: 'Succeeded' },
        { pipelineTask: 'deploy-model', status: 'Failed', earlierAttempts: 2 },
      ],
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-timed-out',
    title:
      'The run passed its pipeline timeout: its running task was cancelled for the timeout',
    sources: [STATE, RESOLUTION, TYPES_TR, DOCS_TR],
    run: pipelineRun({
      name: timedOutRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'False',
            'PipelineRunTimeout',
            `PipelineRun "${timedOutRun}" failed to finish within "1h0m0s"`,
            3600,
          ),
        ],
        startTime: at(0),
        completionTime: at(3600),
        pipelineSpec: resolvedPipeline(),
        childReferences: [childRef(timedOutRun, 'train-model')],
        skippedTasks: [
          'health-check',
          'deploy-model',
          'post-deployment-check',
        ].map(name => ({
          name,
          reason: 'PipelineRun timeout has been reached',
        })),
      },
    }),
    taskRuns: [
      taskRun({
        run: timedOutRun,
        task: 'train-model',
        spec: {
          status: 'TaskRunCancelled',
          statusMessage:
            'TaskRun cancelled as the PipelineRun it belongs to has timed out.',
        },
        status: {
          conditions: [
            succeeded(
              'False',
              'TaskRunCancelled',
              'TaskRun cancelled as the PipelineRun it belongs to has timed out.',
              3600,
            ),
          ],
          startTime: at(1),
          completionTime: at(3600),
          steps: [
            step('train-model', {
              exitCode: 1,
              reason: 'TaskRunCancelled',
              from: 2,
              to: 3600,
            }),
          ],
        },
      }),
    ],
    expect: {
      status: 'TimedOut',
      reason: 'PipelineRunTimeout',
      cause: {
        task: null,
        reason: 'PipelineRunTimeout',
        message: /failed to finish within "1h0m0s"/,
      },
      tasks: [{ pipelineTask: 'train-model', status: 'TimedOut' }],
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-cancelled',
    title: 'The run was cancelled (spec.status Cancelled)',
    sources: [
      TYPES_PR,
      DOCS_PR,
      tekton('pkg/reconciler/pipelinerun/cancel.go'),
    ],
    run: pipelineRun({
      name: cancelledRun,
      pipeline: PIPELINE,
      specStatus: 'Cancelled',
      status: {
        conditions: [
          succeeded(
            'False',
            'Cancelled',
            `PipelineRun "${cancelledRun}" was cancelled`,
            120,
          ),
        ],
        startTime: at(0),
        completionTime: at(120),
        pipelineSpec: resolvedPipeline(),
        childReferences: [childRef(cancelledRun, 'train-model')],
      },
    }),
    taskRuns: [
      taskRun({
        run: cancelledRun,
        task: 'train-model',
        spec: {
          status: 'TaskRunCancelled',
          statusMessage:
            'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.',
        },
        status: {
          conditions: [
            succeeded(
              'False',
              'TaskRunCancelled',
              `TaskRun "${cancelledRun}-train-model" was cancelled. TaskRun cancelled as the PipelineRun it belongs to has been cancelled.`,
              120,
            ),
          ],
          startTime: at(1),
          completionTime: at(120),
        },
      }),
    ],
    expect: {
      status: 'Cancelled',
      reason: 'Cancelled',
      cause: { task: null, reason: 'Cancelled' },
      tasks: [{ pipelineTask: 'train-model', status: 'Cancelled' }],
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-cancelling-running-finally',
    title:
      'The run is being cancelled gracefully (CancelledRunFinally): its finally task runs, the rest are skipped',
    sources: [STATE, RESOLUTION, TYPES_PR],
    run: pipelineRun({
      name: cancellingRun,
      pipeline: PIPELINE,
      specStatus: 'CancelledRunFinally',
      status: {
        conditions: [
          succeeded(
            'Unknown',
            'CancelledRunningFinally',
            'Tasks Completed: 1 (Failed: 0, Cancelled 1), Incomplete: 1, Skipped: 3',
            130,
          ),
        ],
        startTime: at(0),
        finallyStartTime: at(125),
        pipelineSpec: resolvedPipeline({ finally: ['report-result'] }),
        childReferences: [
          childRef(cancellingRun, 'train-model'),
          childRef(cancellingRun, 'report-result'),
        ],
        skippedTasks: [
          'health-check',
          'deploy-model',
          'post-deployment-check',
        ].map(name => ({
          name,
          reason: 'PipelineRun was gracefully cancelled',
        })),
      },
    }),
    taskRuns: [
      taskRun({
        run: cancellingRun,
        task: 'train-model',
        spec: { status: 'TaskRunCancelled' },
        status: {
          conditions: [
            succeeded(
              'False',
              'TaskRunCancelled',
              'TaskRun was cancelled',
              124,
            ),
          ],
          startTime: at(1),
          completionTime: at(124),
        },
      }),
      taskRun({
        run: cancellingRun,
        task: 'report-result',
        memberOf: 'finally',
        status: {
          conditions: [
            succeeded(
              'Unknown',
              'Running',
              'Not all Steps in the Task have finished executing',
              126,
            ),
          ],
          startTime: at(125),
          steps: [step('report-result', { running: 126 })],
        },
      }),
    ],
    expect: {
      status: 'Cancelling',
      noCause: true,
      tasks: [
        { pipelineTask: 'train-model', status: 'Cancelled' },
        {
          pipelineTask: 'report-result',
          status: 'Running',
          finally: true,
          steps: ['running'],
        },
      ],
      skipped: [
        {
          name: 'health-check',
          reason: 'PipelineRun was gracefully cancelled',
        },
        {
          name: 'deploy-model',
          reason: 'PipelineRun was gracefully cancelled',
        },
        {
          name: 'post-deployment-check',
          reason: 'PipelineRun was gracefully cancelled',
        },
      ],
      counts: { total: 5, skipped: 3, running: 1, failed: 1 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-stopped-gracefully',
    title:
      'A graceful stop (StoppedRunFinally) ended: Tekton reports it as Cancelled',
    sources: [STATE],
    run: pipelineRun({
      name: stoppedRun,
      pipeline: PIPELINE,
      specStatus: 'StoppedRunFinally',
      status: {
        conditions: [
          succeeded(
            'False',
            'Cancelled',
            `PipelineRun "${stoppedRun}" was cancelled`,
            260,
          ),
        ],
        startTime: at(0),
        completionTime: at(260),
        pipelineSpec: resolvedPipeline(),
        childReferences: [childRef(stoppedRun, 'train-model')],
        skippedTasks: [
          'health-check',
          'deploy-model',
          'post-deployment-check',
        ].map(name => ({ name, reason: 'PipelineRun was gracefully stopped' })),
      },
    }),
    taskRuns: [succeededTaskRun(stoppedRun, 'train-model', 1, 200)],
    expect: {
      status: 'Cancelled',
      cause: { task: null, reason: 'Cancelled' },
      skipped: [
        { name: 'health-check', reason: 'PipelineRun was gracefully stopped' },
        { name: 'deploy-model', reason: 'PipelineRun was gracefully stopped' },
        {
          name: 'post-deployment-check',
          reason: 'PipelineRun was gracefully stopped',
        },
      ],
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-pending',
    title: 'The run was created pending (spec.status PipelineRunPending)',
    sources: [TYPES_PR, RECONCILER],
    run: pipelineRun({
      name: pendingRun,
      pipeline: PIPELINE,
      specStatus: 'PipelineRunPending',
      status: {
        conditions: [
          succeeded(
            'Unknown',
            'PipelineRunPending',
            `PipelineRun "${pendingRun}" is pending`,
            0,
          ),
        ],
      },
    }),
    taskRuns: [],
    expect: {
      status: 'Pending',
      noCause: true,
      counts: { total: 0 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-running',
    title: 'The run is running its first task',
    sources: [STATE, POD_STATUS],
    run: pipelineRun({
      name: runningRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'Unknown',
            'Running',
            'Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 4, Skipped: 0',
            2,
          ),
        ],
        startTime: at(0),
        pipelineSpec: resolvedPipeline(),
        childReferences: [childRef(runningRun, 'train-model')],
      },
    }),
    taskRuns: [
      taskRun({
        run: runningRun,
        task: 'train-model',
        status: {
          conditions: [
            succeeded(
              'Unknown',
              'Running',
              'Not all Steps in the Task have finished executing',
              3,
            ),
          ],
          startTime: at(1),
          steps: [
            step('create-validation-job', {
              exitCode: 0,
              reason: 'Completed',
              from: 2,
              to: 3,
            }),
            step('wait-for-completion', { running: 3 }),
          ],
        },
      }),
    ],
    expect: {
      status: 'Running',
      noCause: true,
      tasks: [
        {
          pipelineTask: 'train-model',
          status: 'Running',
          steps: ['succeeded', 'running'],
        },
      ],
      counts: { total: 4, running: 1 },
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-couldnt-get-pipeline',
    title:
      'The Pipeline does not exist: the run failed for a reason of its own, no task ran',
    sources: [TYPES_PR, RECONCILER],
    run: pipelineRun({
      name: missingPipelineRun,
      pipeline: 'no-such-pipeline',
      status: {
        conditions: [
          succeeded(
            'False',
            'CouldntGetPipeline',
            `Error retrieving pipeline for pipelinerun ${'mlops-demo'}/${missingPipelineRun}: pipelines.tekton.dev "no-such-pipeline" not found`,
            1,
          ),
        ],
        startTime: at(0),
        completionTime: at(1),
      },
    }),
    taskRuns: [],
    expect: {
      status: 'Failed',
      reason: 'CouldntGetPipeline',
      cause: {
        task: null,
        reason: 'CouldntGetPipeline',
        message: /not found/,
      },
      trainingPipeline: 'no-such-pipeline',
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-embedded-spec',
    title:
      'A run with an embedded pipelineSpec: Tekton labels it tekton.dev/pipeline with its generateName, which names no Pipeline',
    sources: [RECONCILER, tekton('pkg/names/generate.go')],
    run: pipelineRun({
      name: embeddedRun,
      generateName: 'train-anomaly-detector-',
      embedded: true,
      status: {
        conditions: [
          succeeded(
            'True',
            'Succeeded',
            'Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 0',
            400,
          ),
        ],
        startTime: at(0),
        completionTime: at(400),
        pipelineSpec: resolvedPipeline(),
      },
    }),
    taskRuns: [],
    expect: { status: 'Succeeded', trainingPipeline: null },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-cluster-resolver',
    title:
      'A run of a Pipeline resolved by the cluster resolver: the pipeline is its name param',
    sources: [RECONCILER, tekton('docs/cluster-resolver.md')],
    run: pipelineRun({
      name: resolverRun,
      pipeline: PIPELINE,
      pipelineRef: {
        resolver: 'cluster',
        params: [
          { name: 'kind', value: 'pipeline' },
          { name: 'name', value: PIPELINE },
          { name: 'namespace', value: 'mlops-demo' },
        ],
      },
      status: {
        conditions: [succeeded('Unknown', 'Running', 'Tasks Completed: 0', 1)],
        startTime: at(0),
      },
    }),
    taskRuns: [],
    expect: { status: 'Running', trainingPipeline: PIPELINE },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-git-resolver',
    title:
      'A run of a Pipeline from git: Tekton labels it with the run name; no Pipeline of the namespace is named',
    sources: [RECONCILER, tekton('docs/git-resolver.md')],
    run: pipelineRun({
      name: gitResolverRun,
      pipeline: gitResolverRun,
      pipelineRef: {
        resolver: 'git',
        params: [
          { name: 'url', value: 'https://github.com/acme/pipelines.git' },
          { name: 'pathInRepo', value: 'pipelines/training.yaml' },
        ],
      },
      status: {
        conditions: [succeeded('Unknown', 'ResolvingPipelineRef', '', 1)],
        startTime: at(0),
      },
    }),
    taskRuns: [],
    expect: { status: 'Pending', trainingPipeline: null },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-finally-missing-results',
    title:
      'A finally task referring to the result of a failed task is skipped: Results were missing',
    sources: [RESOLUTION, STATE, TYPES_PR],
    run: pipelineRun({
      name: missingResultsRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'False',
            'Failed',
            'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 4',
            201,
          ),
        ],
        startTime: at(0),
        completionTime: at(201),
        pipelineSpec: resolvedPipeline({ finally: ['report-result'] }),
        childReferences: [childRef(missingResultsRun, 'train-model')],
        skippedTasks: [
          ...['health-check', 'deploy-model', 'post-deployment-check'].map(
            name => ({ name, reason: 'PipelineRun was stopping' }),
          ),
          { name: 'report-result', reason: 'Results were missing' },
        ],
      },
    }),
    taskRuns: [failedTaskRun(missingResultsRun, 'train-model', 1, 199)],
    expect: {
      status: 'Failed',
      cause: { task: 'train-model' },
      skipped: [
        { name: 'health-check', reason: 'PipelineRun was stopping' },
        { name: 'deploy-model', reason: 'PipelineRun was stopping' },
        { name: 'post-deployment-check', reason: 'PipelineRun was stopping' },
        {
          name: 'report-result',
          reason: 'Results were missing',
          finally: true,
        },
      ],
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-timeout-running-finally',
    title:
      'The tasks timeout passed and the finally tasks run: the run is still running',
    sources: [STATE, TYPES_PR],
    run: pipelineRun({
      name: timeoutFinallyRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'Unknown',
            'PipelineRunTimeoutRunningFinally',
            'Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 3',
            1802,
          ),
        ],
        startTime: at(0),
        finallyStartTime: at(1801),
        pipelineSpec: resolvedPipeline({ finally: ['report-result'] }),
        childReferences: [
          childRef(timeoutFinallyRun, 'train-model'),
          childRef(timeoutFinallyRun, 'report-result'),
        ],
        skippedTasks: [
          'health-check',
          'deploy-model',
          'post-deployment-check',
        ].map(name => ({
          name,
          reason: 'PipelineRun Tasks timeout has been reached',
        })),
      },
    }),
    taskRuns: [
      taskRun({
        run: timeoutFinallyRun,
        task: 'train-model',
        spec: {
          status: 'TaskRunCancelled',
          statusMessage:
            'TaskRun cancelled as the PipelineRun it belongs to has timed out.',
        },
        status: {
          conditions: [
            succeeded(
              'False',
              'TaskRunCancelled',
              'TaskRun cancelled as the PipelineRun it belongs to has timed out.',
              1800,
            ),
          ],
          startTime: at(1),
          completionTime: at(1800),
        },
      }),
      taskRun({
        run: timeoutFinallyRun,
        task: 'report-result',
        memberOf: 'finally',
        status: {
          conditions: [succeeded('Unknown', 'Running', '', 1802)],
          startTime: at(1801),
          steps: [step('report-result', { running: 1802 })],
        },
      }),
    ],
    expect: {
      status: 'Running',
      reason: 'PipelineRunTimeoutRunningFinally',
      cause: { task: 'train-model' },
      tasks: [
        { pipelineTask: 'train-model', status: 'TimedOut' },
        { pipelineTask: 'report-result', status: 'Running', finally: true },
      ],
      trainingPipeline: PIPELINE,
    },
  },
  {
    kind: 'PipelineRun',
    id: 'pipelinerun-parent-skipped',
    title:
      'A task whose parent was skipped for a reason other than its when expression is skipped too',
    sources: [RESOLUTION, TYPES_PR],
    run: pipelineRun({
      name: parentSkipRun,
      pipeline: PIPELINE,
      status: {
        conditions: [
          succeeded(
            'True',
            'Completed',
            'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 2',
            250,
          ),
        ],
        startTime: at(0),
        completionTime: at(250),
        pipelineSpec: resolvedPipeline(),
        childReferences: ['train-model', 'health-check'].map(task =>
          childRef(parentSkipRun, task),
        ),
        skippedTasks: [
          { name: 'deploy-model', reason: 'Results were missing' },
          {
            name: 'post-deployment-check',
            reason: 'Parent Tasks were skipped',
          },
        ],
      },
    }),
    taskRuns: [
      succeededTaskRun(parentSkipRun, 'train-model', 1, 200),
      succeededTaskRun(parentSkipRun, 'health-check', 201, 249),
    ],
    expect: {
      status: 'Succeeded',
      reason: 'Completed',
      noCause: true,
      skipped: [
        { name: 'deploy-model', reason: 'Results were missing' },
        { name: 'post-deployment-check', reason: 'Parent Tasks were skipped' },
      ],
      trainingPipeline: PIPELINE,
    },
  },
];

const trRun = 'train-anomaly-detector-tr9w9';

/** The TaskRun cases of the corpus. */
export const taskRunFixtures: TaskRunFixture[] = [
  {
    kind: 'TaskRun',
    id: 'taskrun-step-continued',
    title:
      'A step with onError: continue failed: the step is Continued (failure ignored) and the TaskRun Succeeded',
    sources: [POD_STATUS, tekton('docs/tasks.md')],
    taskRun: taskRun({
      run: trRun,
      task: 'post-deployment-check',
      status: {
        conditions: [
          succeeded(
            'True',
            'Succeeded',
            'All Steps have completed executing',
            60,
          ),
        ],
        startTime: at(1),
        completionTime: at(60),
        steps: [
          step('warm-up', {
            exitCode: 7,
            reason: 'Completed',
            terminationReason: 'Continued',
            from: 2,
            to: 10,
          }),
          step('test-endpoint', {
            exitCode: 0,
            reason: 'Completed',
            from: 11,
            to: 59,
          }),
        ],
        results: [{ name: 'endpoint-status', type: 'string', value: '200' }],
      },
    }),
    expect: {
      pipelineTask: 'post-deployment-check',
      status: 'Succeeded',
      steps: ['failed-ignored', 'succeeded'],
    },
  },
  {
    kind: 'TaskRun',
    id: 'taskrun-step-failed-rest-skipped',
    title:
      'A step failed: the steps after it are Skipped, the TaskRun failed with the step exit',
    sources: [POD_STATUS, tekton('docs/tasks.md')],
    taskRun: taskRun({
      run: trRun,
      task: 'health-check',
      status: {
        conditions: [
          succeeded(
            'False',
            'StepFailed',
            '"step-test-model-load" exited with code 1: Error',
            40,
          ),
        ],
        startTime: at(1),
        completionTime: at(40),
        steps: [
          step('check-model-file', {
            exitCode: 0,
            reason: 'Completed',
            from: 2,
            to: 5,
          }),
          step('test-model-load', {
            exitCode: 1,
            reason: 'Error',
            from: 6,
            to: 39,
          }),
          step('test-predictions', {
            exitCode: 0,
            reason: 'Completed',
            terminationReason: 'Skipped',
            from: 39,
            to: 39,
          }),
        ],
      },
    }),
    expect: {
      pipelineTask: 'health-check',
      status: 'Failed',
      steps: ['succeeded', 'failed', 'skipped'],
    },
  },
  {
    kind: 'TaskRun',
    id: 'taskrun-to-be-retried',
    title:
      'An attempt failed and the TaskRun will be retried: ToBeRetried is still running, with the attempt kept',
    sources: [TR_RECONCILER, TYPES_TR],
    taskRun: taskRun({
      run: trRun,
      task: 'deploy-model',
      spec: { retries: 3 },
      status: {
        podName: '',
        conditions: [
          succeeded(
            'Unknown',
            'ToBeRetried',
            '"step-restart-predictor" exited with code 1: Error',
            50,
          ),
        ],
        retriesStatus: [
          {
            conditions: [
              succeeded(
                'False',
                'StepFailed',
                '"step-restart-predictor" exited with code 1: Error',
                50,
              ),
            ],
            podName: `${trRun}-deploy-model-pod`,
            startTime: at(1),
            completionTime: at(50),
          },
        ],
      },
    }),
    expect: {
      pipelineTask: 'deploy-model',
      status: 'Running',
      earlierAttempts: 1,
    },
  },
  {
    kind: 'TaskRun',
    id: 'taskrun-step-oom',
    title: 'A step was OOMKilled: StepOOM',
    sources: [POD_STATUS, TYPES_TR],
    taskRun: taskRun({
      run: trRun,
      task: 'train-model',
      status: {
        conditions: [
          succeeded(
            'False',
            'StepOOM',
            '"step-train" exited with code 137: OOMKilled',
            90,
          ),
        ],
        startTime: at(1),
        completionTime: at(90),
        steps: [
          step('train', {
            exitCode: 137,
            reason: 'OOMKilled',
            from: 2,
            to: 89,
          }),
        ],
      },
    }),
    expect: {
      pipelineTask: 'train-model',
      status: 'Failed',
      steps: ['failed'],
    },
  },
  {
    kind: 'TaskRun',
    id: 'taskrun-timeout',
    title: 'The TaskRun passed its own timeout: TaskRunTimeout',
    sources: [TYPES_TR, TR_RECONCILER, DOCS_TR],
    taskRun: taskRun({
      run: trRun,
      task: 'train-model',
      spec: { timeout: '10m0s' },
      status: {
        conditions: [
          succeeded(
            'False',
            'TaskRunTimeout',
            `TaskRun "${trRun}-train-model" failed to finish within "10m0s"`,
            600,
          ),
        ],
        startTime: at(0),
        completionTime: at(600),
        steps: [
          step('train', {
            exitCode: 1,
            reason: 'TaskRunTimeout',
            from: 1,
            to: 600,
          }),
        ],
      },
    }),
    expect: {
      pipelineTask: 'train-model',
      status: 'TimedOut',
      steps: ['failed'],
    },
  },
  {
    kind: 'TaskRun',
    id: 'taskrun-image-pull-waiting',
    title:
      'A step image cannot be pulled yet: the TaskRun is Unknown TaskRunImagePullFailed (still running)',
    sources: [POD_STATUS, TYPES_TR],
    taskRun: taskRun({
      run: trRun,
      task: 'train-model',
      status: {
        conditions: [
          succeeded(
            'Unknown',
            'TaskRunImagePullFailed',
            'the step "train" in TaskRun failed to pull the image "": the image may not exist',
            30,
          ),
        ],
        startTime: at(1),
        steps: [step('train', { waiting: 'ImagePullBackOff' })],
      },
    }),
    expect: {
      pipelineTask: 'train-model',
      status: 'Running',
      steps: ['waiting'],
    },
  },
];
