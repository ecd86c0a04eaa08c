import { validator } from './sources';
import { at, NAMESPACE } from './tektonObjects';
import type { ValidationJobFixture } from './types';

// NotebookValidationJobs as the Jupyter Notebook Validator Operator writes them. Its
// `Ready` condition is set once, False with reason Initializing, and never changed;
// its outcome is `ValidationComplete` (True ValidationComplete / False PodFailed) and
// the phase. A failed validation pod leaves no per-cell results: the operator deletes
// and re-creates the pod up to three times (retryCount) and writes one message. A
// failed image build moves the phase to Failed without touching the message, the
// conditions or the completion time.

const TYPES = validator('api/v1alpha1/notebookvalidationjob_types.go');
const CRD = validator(
  'config/crd/bases/mlops.mlops.dev_notebookvalidationjobs.yaml',
);
const CONTROLLER = validator(
  'internal/controller/notebookvalidationjob_controller.go',
);
const POD_LOG = validator('internal/controller/pod_log_helper.go');
const FAILURE_ANALYZER = validator(
  'internal/controller/pod_failure_analyzer.go',
);
const PAPERMILL = validator('internal/controller/papermill_helper.go');
const COMPARISON = validator('internal/controller/comparison_helper.go');

const READY_INITIALIZING = {
  type: 'Ready',
  status: 'False',
  reason: 'Initializing',
  message: 'NotebookValidationJob is initializing',
  lastTransitionTime: at(0),
};

function validationComplete(
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  time: number,
) {
  return {
    type: 'ValidationComplete',
    status,
    reason,
    message,
    lastTransitionTime: at(time),
  };
}

function job(
  name: string,
  status: Record<string, unknown>,
  spec: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'mlops.mlops.dev/v1alpha1',
    kind: 'NotebookValidationJob',
    metadata: {
      name,
      namespace: NAMESPACE,
      uid: `uid-${name}`,
      resourceVersion: '77',
      creationTimestamp: at(0),
      labels: { 'model-name': 'anomaly-detector' },
    },
    spec: {
      notebook: {
        git: {
          url: 'https://github.com/backstage-mlops/demo-models.git',
          ref: 'main',
        },
        path: 'notebooks/02-anomaly-detection/01-train.ipynb',
      },
      podConfig: {
        containerImage:
          'image-registry.openshift-image-registry.svc:5000/mlops-demo/notebook-validator:latest',
        serviceAccountName: 'default',
      },
      timeout: '30m',
      ...spec,
    },
    status,
  };
}

const podFailureMessage =
  'Validation failed after 3 retries: Validation pod failed: Unknown - . Log error: papermill.exceptions.PapermillExecutionError: \n' +
  'ValueError: Input X contains NaN.. Suggested action: Container failed with exit code 1. Check logs for details.';

/** The NotebookValidationJob cases of the corpus. */
export const validationJobFixtures: ValidationJobFixture[] = [
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-succeeded',
    title:
      'The notebook ran: Succeeded with per-cell results (markdown cells Skipped); Ready stays False/Initializing',
    sources: [TYPES, CONTROLLER, POD_LOG],
    object: job('train-anomaly-detector-1780000000', {
      phase: 'Succeeded',
      startTime: at(0),
      completionTime: at(180),
      validationPodName: 'train-anomaly-detector-1780000000-validation',
      message:
        'Validation completed: 4/4 cells succeeded (100.0% success rate)',
      conditions: [
        READY_INITIALIZING,
        validationComplete(
          'True',
          'ValidationComplete',
          'Validation completed: 4/4 cells succeeded (100.0% success rate)',
          180,
        ),
      ],
      results: [
        { cellIndex: 0, status: 'Skipped' },
        { cellIndex: 1, status: 'Success' },
        { cellIndex: 2, status: 'Success' },
        { cellIndex: 3, status: 'Success' },
        { cellIndex: 4, status: 'Success' },
      ],
    }),
    expect: { status: 'Succeeded', errorCategory: 'none', cells: 5 },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-pod-failed-after-retries',
    title:
      'A cell raised: papermill exits 1, the pod fails, the operator retries it three times and fails without per-cell results',
    sources: [CONTROLLER, POD_LOG, FAILURE_ANALYZER, PAPERMILL],
    object: job('train-anomaly-detector-1780000100', {
      phase: 'Failed',
      startTime: at(0),
      completionTime: at(420),
      validationPodName: 'train-anomaly-detector-1780000100-validation',
      retryCount: 3,
      lastRetryTime: at(420),
      message: podFailureMessage,
      conditions: [
        READY_INITIALIZING,
        validationComplete('False', 'PodFailed', podFailureMessage, 420),
      ],
    }),
    expect: {
      status: 'Failed',
      errorCategory: 'notebook_execution_failed',
      cause: /Validation failed after 3 retries/,
      cells: 0,
      retryCount: 3,
    },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-pod-failed-missing-module',
    title:
      'A missing module: the operator quotes the ModuleNotFoundError from the log in its message',
    sources: [CONTROLLER, POD_LOG, PAPERMILL],
    object: job('train-forecast-capacity-1780000200', {
      phase: 'Failed',
      startTime: at(0),
      completionTime: at(300),
      validationPodName: 'train-forecast-capacity-1780000200-validation',
      retryCount: 3,
      lastRetryTime: at(300),
      message:
        "Validation failed after 3 retries: Validation pod failed: Unknown - . Log error: ModuleNotFoundError: No module named 'prophet'. Suggested action: Container failed with exit code 1. Check logs for details.",
      conditions: [
        READY_INITIALIZING,
        validationComplete(
          'False',
          'PodFailed',
          "Validation failed after 3 retries: Validation pod failed: Unknown - . Log error: ModuleNotFoundError: No module named 'prophet'. Suggested action: Container failed with exit code 1. Check logs for details.",
          300,
        ),
      ],
    }),
    expect: {
      status: 'Failed',
      errorCategory: 'dependency_install_failed',
      cause: /No module named 'prophet'/,
      cells: 0,
      retryCount: 3,
    },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-golden-mismatch',
    title:
      'Every cell ran but the outputs differ from the golden notebook: Failed with comparisonResult failed and all cells green',
    sources: [TYPES, POD_LOG, COMPARISON],
    object: job(
      'train-anomaly-detector-1780000300',
      {
        phase: 'Failed',
        startTime: at(0),
        completionTime: at(200),
        validationPodName: 'train-anomaly-detector-1780000300-validation',
        message:
          'Validation failed: golden notebook comparison failed (3/5 cells matched)',
        conditions: [
          READY_INITIALIZING,
          validationComplete(
            'False',
            'PodFailed',
            'Validation failed: golden notebook comparison failed (3/5 cells matched)',
            200,
          ),
        ],
        results: [0, 1, 2, 3, 4].map(cellIndex => ({
          cellIndex,
          status: 'Success',
        })),
        comparisonResult: {
          strategy: 'normalized',
          result: 'failed',
          totalCells: 5,
          matchedCells: 3,
          mismatchedCells: 2,
          diffs: [
            {
              cellIndex: 3,
              cellType: 'code',
              diffType: 'output_mismatch',
              expected: 'accuracy: 0.94',
              actual: 'accuracy: 0.71',
              severity: 'major',
            },
            {
              cellIndex: 4,
              cellType: 'code',
              diffType: 'output_mismatch',
              expected: '(10,)',
              actual: '(12,)',
              severity: 'minor',
            },
          ],
        },
      },
      {
        goldenNotebook: {
          git: {
            url: 'https://github.com/backstage-mlops/demo-models.git',
            ref: 'main',
          },
          path: 'notebooks/golden/01-train.ipynb',
        },
      },
    ),
    expect: {
      status: 'Failed',
      errorCategory: 'golden_notebook_mismatch',
      cause: /2 of 5 cells differ from the golden notebook/,
      cells: 5,
      failedCells: 0,
      comparison: 'failed',
    },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-golden-matched',
    title: 'The outputs match the golden notebook',
    sources: [TYPES, POD_LOG, COMPARISON],
    object: job('train-anomaly-detector-1780000350', {
      phase: 'Succeeded',
      startTime: at(0),
      completionTime: at(200),
      message:
        'Validation completed: 2/2 cells succeeded (100.0% success rate)',
      conditions: [
        READY_INITIALIZING,
        validationComplete(
          'True',
          'ValidationComplete',
          'Validation completed: 2/2 cells succeeded (100.0% success rate)',
          200,
        ),
      ],
      results: [
        { cellIndex: 0, status: 'Success' },
        { cellIndex: 1, status: 'Success' },
      ],
      comparisonResult: {
        strategy: 'normalized',
        result: 'matched',
        totalCells: 2,
        matchedCells: 2,
        mismatchedCells: 0,
      },
    }),
    expect: {
      status: 'Succeeded',
      errorCategory: 'none',
      cells: 2,
      comparison: 'matched',
    },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-build-failed',
    title:
      'The S2I build failed: phase Failed, the build status says why; no message, no completion time, only the Ready condition',
    sources: [CONTROLLER, TYPES, CRD],
    object: job(
      'train-forecast-capacity-1780000400',
      {
        phase: 'Failed',
        startTime: at(0),
        conditions: [READY_INITIALIZING],
        buildStatus: {
          phase: 'Failed',
          message:
            'Build failed: build train-forecast-capacity-1780000400-build-1 failed: DockerBuildFailed',
          buildName: 'train-forecast-capacity-1780000400-build-1',
          strategy: 's2i',
          startTime: at(5),
          completionTime: at(240),
          duration: '3m55s',
        },
      },
      {
        podConfig: {
          containerImage: 'quay.io/jupyter/minimal-notebook:latest',
          // As the API server returns it: with the CRD's defaults.
          buildConfig: {
            enabled: true,
            strategy: 's2i',
            baseImage: 'quay.io/jupyter/minimal-notebook:latest',
            autoGenerateRequirements: true,
            preferDockerfile: false,
            fallbackStrategy: 'warn',
            timeout: '15m',
          },
        },
      },
    ),
    expect: {
      status: 'Failed',
      errorCategory: 'build_failed',
      cause: /DockerBuildFailed/,
      cells: 0,
      buildPhase: 'Failed',
    },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-git-clone-failed',
    title:
      'The git-clone init container failed: no retry, Failed after one attempt',
    sources: [FAILURE_ANALYZER, CONTROLLER],
    object: job('train-anomaly-detector-1780000500', {
      phase: 'Failed',
      startTime: at(0),
      completionTime: at(20),
      validationPodName: 'train-anomaly-detector-1780000500-validation',
      retryCount: 1,
      lastRetryTime: at(20),
      message:
        "Validation failed after 1 retries: Validation pod failed: InitContainerError - fatal: could not read Username for 'https://github.com': No such device or address. Suggested action: Git-clone init container failed (exit code 128).",
      conditions: [
        READY_INITIALIZING,
        validationComplete(
          'False',
          'PodFailed',
          "Validation failed after 1 retries: Validation pod failed: InitContainerError - fatal: could not read Username for 'https://github.com': No such device or address. Suggested action: Git-clone init container failed (exit code 128).",
          20,
        ),
      ],
    }),
    expect: {
      status: 'Failed',
      errorCategory: 'configuration_error',
      cause: /could not read Username/,
      cells: 0,
      retryCount: 1,
    },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-validation-running',
    title: 'The validation pod runs (ValidationComplete Unknown, PodRunning)',
    sources: [CONTROLLER],
    object: job('train-anomaly-detector-1780000600', {
      phase: 'ValidationRunning',
      startTime: at(0),
      validationPodName: 'train-anomaly-detector-1780000600-validation',
      message: 'Starting validation',
      conditions: [
        READY_INITIALIZING,
        validationComplete('Unknown', 'PodRunning', 'Starting validation', 2),
      ],
    }),
    expect: { status: 'Running', cells: 0 },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-legacy-running',
    title:
      'The operator still writes the legacy phase Running while it starts the pod',
    sources: [CONTROLLER],
    object: job('train-anomaly-detector-1780000700', {
      phase: 'Running',
      startTime: at(0),
      message: 'Starting validation',
      conditions: [
        READY_INITIALIZING,
        validationComplete('Unknown', 'PodRunning', 'Starting validation', 1),
      ],
    }),
    expect: { status: 'Running', cells: 0 },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-building',
    title: 'The image is being built',
    sources: [CONTROLLER],
    object: job('train-anomaly-detector-1780000800', {
      phase: 'Building',
      startTime: at(0),
      conditions: [READY_INITIALIZING],
      buildStatus: {
        phase: 'Running',
        message: 'Build Running',
        buildName: 'train-anomaly-detector-1780000800-build-1',
        strategy: 's2i',
        startTime: at(3),
        duration: '1m2s',
      },
    }),
    expect: { status: 'Running', cells: 0, buildPhase: 'Running' },
  },
  {
    kind: 'NotebookValidationJob',
    id: 'nvj-initializing',
    title: 'Just picked up by the operator',
    sources: [CONTROLLER],
    object: job('train-anomaly-detector-1780000900', {
      phase: 'Initializing',
      startTime: at(0),
      conditions: [READY_INITIALIZING],
    }),
    expect: { status: 'Pending', cells: 0 },
  },
];
