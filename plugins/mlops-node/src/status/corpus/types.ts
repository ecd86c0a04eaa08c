import type {
  MlopsErrorCategory,
  MlopsRunStatus,
  MlopsWorkbenchStateName,
} from '@backstage-mlops/plugin-mlops-common';
import type { UpstreamSource } from './sources';

/**
 * One case of the status corpus: objects as the API server returns them, written
 * after an upstream project's types, reconciler or docs (named in `sources`), and what
 * the status vocabulary must read from them.
 */
interface FixtureBase {
  /** Unique, kebab-case. */
  id: string;
  /** What a user would meet, in a sentence. */
  title: string;
  /** The upstream files the objects follow; at least one. */
  sources: UpstreamSource[];
}

/** What a task of a run must read as. */
export interface ExpectedTask {
  pipelineTask: string;
  status: MlopsRunStatus;
  finally?: boolean;
  failureIgnored?: boolean;
  /** Earlier attempts of a retried task. */
  earlierAttempts?: number;
  /** Step states, in order (`failed-ignored` for a `Continued` step). */
  steps?: string[];
}

/** A PipelineRun with its TaskRuns. */
export interface PipelineRunFixture extends FixtureBase {
  kind: 'PipelineRun';
  run: unknown;
  taskRuns: unknown[];
  expect: {
    status: MlopsRunStatus;
    reason?: string;
    /** The cause's task (`null`: no task, the run's own reason), reason and message. */
    cause?: {
      task: string | null;
      finally?: boolean;
      reason?: string;
      message?: RegExp;
    };
    /** No cause at all. */
    noCause?: true;
    tasks?: ExpectedTask[];
    skipped?: Array<{
      name: string;
      reason: string;
      finally?: boolean;
      when?: boolean;
    }>;
    counts?: {
      total?: number;
      succeeded?: number;
      failed?: number;
      ignored?: number;
      skipped?: number;
      running?: number;
    };
    /** The Pipeline the run trains with (`null`: none that can be read). */
    trainingPipeline: string | null;
  };
}

/** A TaskRun on its own (health checks, the steps of one task). */
export interface TaskRunFixture extends FixtureBase {
  kind: 'TaskRun';
  taskRun: unknown;
  expect: ExpectedTask;
}

/** An InferenceService. */
export interface InferenceServiceFixture extends FixtureBase {
  kind: 'InferenceService';
  object: unknown;
  expect: {
    ready: 'True' | 'False' | 'Unknown';
    /** The condition named as the cause, with its reason. */
    cause?: { type: string; reason?: string };
    modelState?: string;
    /** The load failure's message (only when the newest load failed). */
    loadFailure?: RegExp;
    previousStillServes?: boolean;
    deploymentMode?: 'Standard' | 'Knative';
    revisions?: boolean;
    traffic?: number;
    stopped?: boolean;
    /** Condition types read as not deciding readiness (Knative `severity: Info`). */
    infoConditions?: string[];
  };
}

/** A NotebookValidationJob. */
export interface ValidationJobFixture extends FixtureBase {
  kind: 'NotebookValidationJob';
  object: unknown;
  expect: {
    status: 'Succeeded' | 'Failed' | 'Running' | 'Pending';
    errorCategory?: MlopsErrorCategory;
    cause?: RegExp;
    cells: number;
    failedCells?: number;
    comparison?: 'matched' | 'failed' | 'skipped';
    retryCount?: number;
    buildPhase?: string;
  };
}

/** An OpenShift Build. */
export interface BuildFixture extends FixtureBase {
  kind: 'Build';
  object: unknown;
  expect: {
    status: MlopsRunStatus;
    reason?: string;
    logSnippet?: RegExp;
    stages?: number;
  };
}

/** A Kubeflow Notebook (workbench). */
export interface WorkbenchFixture extends FixtureBase {
  kind: 'Notebook';
  object: unknown;
  expect: { state: MlopsWorkbenchStateName; message?: RegExp };
}

/** Any case of the corpus. */
export type StatusFixture =
  | PipelineRunFixture
  | TaskRunFixture
  | InferenceServiceFixture
  | ValidationJobFixture
  | BuildFixture
  | WorkbenchFixture;
