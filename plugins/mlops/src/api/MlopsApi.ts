import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type { ResponseError } from '@backstage/errors';
import type {
  MlopsMutationResponse,
  MlopsClustersResponse,
  MlopsCancelTrainingRequest,
  MlopsRunTrainingRequest,
  MlopsValidateNotebookRequest,
  MlopsModelHealthResponse,
  MlopsModelLineageResponse,
  MlopsServingDiagnosisResponse,
  MlopsRunStatus,
  MlopsServingDayResponse,
  MlopsServingMetricsResponse,
  MlopsServingMetricsWindow,
  MlopsSummaryResponse,
  MlopsTrainingPipelineParamsResponse,
  MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * An entity to ask about: a ref string (`component:default/anomaly-detector`) or a
 * compound ref (e.g. from `getCompoundEntityRef(entity)`).
 *
 * @public
 */
export type MlopsEntityRef = string | CompoundEntityRef;

/**
 * Which page of training runs to read (`?status=&limit=&cursor=` of the training
 * route). Every field is optional; the backend's defaults apply.
 *
 * @public
 */
export interface MlopsTrainingRequest {
  /** Only runs in one of these statuses; absent or empty for all. */
  status?: MlopsRunStatus[];
  /** Page size, 1–200 (the backend's default is 25). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * The answer of {@link MlopsApi.getSummary}: the summary, possibly partial.
 *
 * @public
 */
export interface MlopsSummaryResult extends MlopsSummaryResponse {
  /**
   * Set when the backend answered `503` but still sent the items it could read (the
   * models of the clusters it reached): the items are partial, and this is why.
   */
  partialError?: ResponseError;
}

/**
 * A change of an entity's cluster objects, as {@link MlopsApi.runMutation} takes it;
 * `action` names which (as in the answer and the audit event). Each maps to one `POST …/mutations/…` route of the backend and is gated there by
 * its permission from mlops-common.
 *
 * @public
 */
export type MlopsMutationRequest =
  | { action: 'run-training'; body?: MlopsRunTrainingRequest }
  | { action: 'rerun-training'; run: string; body?: MlopsRunTrainingRequest }
  | {
      action: 'cancel-training';
      run: string;
      body?: MlopsCancelTrainingRequest;
    }
  | { action: 'start-build'; body?: { dryRun?: boolean } }
  | { action: 'validate-notebook'; body?: MlopsValidateNotebookRequest }
  | { action: 'restart-serving'; body?: { dryRun?: boolean } }
  | { action: 'start-workbench'; body?: { dryRun?: boolean } }
  | { action: 'stop-workbench'; body?: { dryRun?: boolean } };

/**
 * Whether a view follows its entity's changes as they happen:
 *
 * - `live`: the app has Backstage Signals (`@backstage/plugin-signals`); the view reads
 *   again when the backend signals that the entity's cluster objects changed;
 * - `polling`: the app has no signals API; the view reads again every 15 seconds.
 *
 * @public
 */
export type MlopsLiveStatus = 'live' | 'polling';

/**
 * Which log to read: a step of a TaskRun of one of the entity's training runs, or
 * an OpenShift Build of its BuildConfig.
 *
 * @public
 */
export type MlopsLogTarget =
  | { type: 'step'; taskRun: string; step: string }
  | { type: 'build'; build: string }
  | { type: 'serving-pod'; pod: string; container: string };

/**
 * How to read a log with {@link MlopsApi.readLog}.
 *
 * @public
 */
export interface MlopsLogRequest {
  /** Keep the response open and receive the text as the step or build writes it. */
  follow?: boolean;
  /** Only the last lines of the log. */
  tailLines?: number;
  /** The most bytes to read; the backend caps it at `mlops.logs.maxKilobytes`. */
  limitBytes?: number;
  /** Stops reading (the dialog closed); the call then resolves with `aborted`. */
  signal?: AbortSignal;
  /** Called once the backend has answered and the log's text starts to arrive. */
  onOpen?: () => void;
  /** Receives each piece of text as it arrives, in order. */
  onText: (text: string) => void;
}

/**
 * How a read of {@link MlopsApi.readLog} ended.
 *
 * @public
 */
export interface MlopsLogResult {
  /** Bytes received. */
  bytes: number;
  /** The backend's byte limit for this read, when it said so. */
  limitBytes?: number;
  /** The log was cut at the byte limit: there is more than was read. */
  truncated: boolean;
  /** The caller stopped the read with its signal. */
  aborted: boolean;
}

/**
 * The browser-side client of the mlops backend plugin (`/api/mlops`).
 *
 * @remarks
 * Every call goes through the backend; the browser never talks to a cluster.
 * Implementations throw a `ResponseError` from `@backstage/errors` when the
 * backend answers with an error status: 400 (the entity's annotations are
 * unusable; the message names the annotation), 403 (no read access), 404
 * (unknown entity), 503 (the cluster is unreachable and nothing is cached; the
 * message names the cluster).
 *
 * @public
 */
export interface MlopsApi {
  /**
   * Checks that the backend plugin is up and lists the clusters it is
   * configured to reach (`GET /api/mlops/clusters`).
   */
  getClusters(): Promise<MlopsClustersResponse>;

  /**
   * Reads one page of an entity's training runs, filtered by status, with the
   * newest page of its notebook validation jobs and image builds
   * (`GET /api/mlops/entity/:kind/:namespace/:name/training`).
   */
  getTraining(
    entityRef: MlopsEntityRef,
    request?: MlopsTrainingRequest,
  ): Promise<MlopsTrainingResponse>;

  /**
   * Lists the params the model's training Pipeline declares, in declared order,
   * with their types, descriptions, defaults, allowed values and whether a run
   * needs a value for them
   * (`GET /api/mlops/entity/:kind/:namespace/:name/training/pipeline-params`).
   * Throws a `ResponseError` with status 404 naming the Pipeline when the cluster
   * has no such Pipeline.
   */
  getTrainingPipelineParams(
    entityRef: MlopsEntityRef,
  ): Promise<MlopsTrainingPipelineParamsResponse>;

  /**
   * Reads the serving health of a model: its InferenceServices, the latest
   * health-check results of its training runs and its workbench
   * (`GET /api/mlops/entity/:kind/:namespace/:name/health`).
   */
  getHealth(entityRef: MlopsEntityRef): Promise<MlopsModelHealthResponse>;

  /**
   * Reads where the served model comes from: the training run that produced it, its
   * validation job, image build and source commit, and since when it serves
   * (`GET /api/mlops/entity/:kind/:namespace/:name/lineage`).
   */
  getLineage(entityRef: MlopsEntityRef): Promise<MlopsModelLineageResponse>;

  /**
   * Reads the serving metrics of a model's InferenceService over a window from the
   * Prometheus configured for its cluster
   * (`GET /api/mlops/entity/:kind/:namespace/:name/serving-metrics?window=`).
   */
  getServingMetrics(
    entityRef: MlopsEntityRef,
    window: MlopsServingMetricsWindow,
  ): Promise<MlopsServingMetricsResponse>;

  /**
   * The last 24 hours of serving of many models (`POST /api/mlops/serving-metrics/day`),
   * one item per entity ref, in order.
   */
  getServingDay(entityRefs: MlopsEntityRef[]): Promise<MlopsServingDayResponse>;

  /**
   * Reads the serving diagnosis of a model: its InferenceService's progress steps,
   * the Events of the service and its pods, the pods, and the last drift retraining
   * (`GET /api/mlops/entity/:kind/:namespace/:name/health/diagnosis`).
   */
  getServingDiagnosis(
    entityRef: MlopsEntityRef,
  ): Promise<MlopsServingDiagnosisResponse>;

  /**
   * Summarises many models at once (`POST /api/mlops/summary`), one item per
   * entity ref in the order asked. Resolves with the partial items and
   * {@link MlopsSummaryResult.partialError} when the backend answers `503` with
   * items; throws on any other error.
   */
  getSummary(entityRefs: MlopsEntityRef[]): Promise<MlopsSummaryResult>;

  /**
   * Reads the log of a step or build of the entity as text
   * (`GET …/taskruns/:taskRun/steps/:step/log` or `GET …/builds/:build/log`),
   * handing each piece to `request.onText` as it arrives: all at once for a
   * finished step, as it is written when `follow` is set. Resolves when the log
   * ends, the byte limit is reached or `request.signal` aborts; throws a
   * `ResponseError` with the backend's message when it cannot be read (404: the
   * TaskRun, step or pod is gone; 403: no read access; 503: the cluster is
   * unreachable).
   */
  readLog(
    entityRef: MlopsEntityRef,
    target: MlopsLogTarget,
    request: MlopsLogRequest,
  ): Promise<MlopsLogResult>;

  /**
   * Changes the entity's cluster objects (run training, rerun, cancel,
   * start a build, validate the notebook, restart serving, start or stop the
   * workbench). Sends an `Idempotency-Key` (a new one per call unless given) and
   * retries once with the same key when the network fails, so a click creates at
   * most one PipelineRun, Build or validation job. Throws a `ResponseError` naming
   * what is wrong: 400 (a param, an annotation), 403 (the permission, or the RBAC
   * rule the cluster lacks), 404, 409 (e.g. the run already finished), 503.
   */
  runMutation(
    entityRef: MlopsEntityRef,
    request: MlopsMutationRequest,
    options?: { idempotencyKey?: string },
  ): Promise<MlopsMutationResponse>;
}

/**
 * Reference to the {@link MlopsApi}, provided by the mlops plugin in both
 * frontend systems.
 *
 * @public
 */
export const mlopsApiRef = createApiRef<MlopsApi>({
  id: 'plugin.mlops.api',
});
