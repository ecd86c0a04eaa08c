import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type { ResponseError } from '@backstage/errors';
import type {
  MlopsActionResponse,
  MlopsBackendStatusResponse,
  MlopsCancelTrainingRequest,
  MlopsLiveChange,
  MlopsRunTrainingRequest,
  MlopsValidateNotebookRequest,
  MlopsModelHealthResponse,
  MlopsRunStatus,
  MlopsSummaryResponse,
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
 * An action on an entity's cluster objects, as {@link MlopsApi.runAction} takes it.
 * Each maps to one `POST …/actions/…` route of the backend and is gated there by
 * its permission from mlops-common.
 *
 * @public
 */
export type MlopsActionRequest =
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
 * The state of an entity's live-updates channel.
 *
 * - `connecting`: opening the stream;
 * - `live`: changes arrive as they happen;
 * - `polling`: the stream cannot be opened (a proxy, a limit, the network); views
 *   read again every 15 s until it opens;
 * - `off`: the backend refused the stream (no access, an old backend); views show
 *   what they read and a refresh button.
 *
 * @public
 */
export type MlopsLiveStatus = 'connecting' | 'live' | 'polling' | 'off';

/**
 * What a subscriber of {@link MlopsApi.subscribeToChanges} is told.
 *
 * @public
 */
export interface MlopsLiveListener {
  /**
   * An object of the entity changed (`change` says which), or changes may have been
   * missed (`change` is undefined): read again.
   */
  onChange(change?: MlopsLiveChange): void;
  /** The channel's state, once at subscription and at every change. */
  onStatus?(status: MlopsLiveStatus): void;
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
   * configured to reach (`GET /api/mlops/health`).
   */
  getBackendStatus(): Promise<MlopsBackendStatusResponse>;

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
   * Reads the serving health of a model: its InferenceServices, the latest
   * health-check results of its training runs and its workbench
   * (`GET /api/mlops/entity/:kind/:namespace/:name/health`).
   */
  getHealth(entityRef: MlopsEntityRef): Promise<MlopsModelHealthResponse>;

  /**
   * Summarises many models at once (`POST /api/mlops/summary`), one item per
   * entity ref in the order asked. Resolves with the partial items and
   * {@link MlopsSummaryResult.partialError} when the backend answers `503` with
   * items; throws on any other error.
   */
  getSummary(entityRefs: MlopsEntityRef[]): Promise<MlopsSummaryResult>;

  /**
   * Follows the changes of an entity's cluster objects (`GET /api/mlops/live`,
   * server-sent events read over `fetchApi`), falling back to polling only while
   * the stream cannot be opened. Subscribers of the same entity share one stream.
   * Returns the function that unsubscribes.
   */
  subscribeToChanges(
    entityRef: MlopsEntityRef,
    listener: MlopsLiveListener,
  ): () => void;

  /**
   * Runs an action on the entity's cluster objects (run training, rerun, cancel,
   * start a build, validate the notebook, restart serving, start or stop the
   * workbench). Sends an `Idempotency-Key` (a new one per call unless given) and
   * retries once with the same key when the network fails, so a click creates at
   * most one PipelineRun, Build or validation job. Throws a `ResponseError` naming
   * what is wrong: 400 (a param, an annotation), 403 (the permission, or the RBAC
   * rule the cluster lacks), 404, 409 (e.g. the run already finished), 503.
   */
  runAction(
    entityRef: MlopsEntityRef,
    request: MlopsActionRequest,
    options?: { idempotencyKey?: string },
  ): Promise<MlopsActionResponse>;
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
