import type { MlopsBuildSummary } from './build';
import type { MlopsInferenceServiceHealth } from './inferenceService';
import type { MlopsPipelineRunSummary } from './pipelineRun';
import type { MlopsValidationJobSummary } from './validationJob';
import type { MlopsWorkbenchState } from './workbench';

/**
 * The `event:` names of the live-updates stream (`GET /api/mlops/live`).
 *
 * - `ready`: the stream is open; `data` is {@link MlopsLiveReady}. A client that did
 *   not resume (or was told to resync) should (re)load its lists now.
 * - `change`: an object of a watched entity changed; `data` is {@link MlopsLiveChange}.
 * - `resync`: the client's `Last-Event-ID` cannot be resumed from; changes were
 *   missed, reload the lists. `data` is {@link MlopsLiveResync}.
 *
 * Heartbeats are SSE comments (`: ping`) that carry no event; once the stream is
 * registered they carry the id of the last change delivered, so a client whose entities
 * stay quiet still resumes from a recent point.
 *
 * @public
 */
export type MlopsLiveEventName = 'ready' | 'change' | 'resync';

/**
 * The kind of item a live change carries; each maps to the list of the read API that
 * holds it (`pipelineRun` → Training `pipelineRuns`, `validationJob` → Training
 * `validationJobs`, `build` → Training `builds`, `inferenceService` → Health
 * `inferenceServices`, `workbench` → Health `workbench`). A TaskRun change is sent as
 * a `pipelineRun` change of its run, whose summary holds its TaskRuns.
 *
 * @public
 */
export type MlopsLiveItemType =
  | 'pipelineRun'
  | 'validationJob'
  | 'build'
  | 'inferenceService'
  | 'workbench';

/**
 * The item type of each {@link MlopsLiveItemType}.
 *
 * @public
 */
export interface MlopsLiveItems {
  pipelineRun: MlopsPipelineRunSummary;
  validationJob: MlopsValidationJobSummary;
  build: MlopsBuildSummary;
  inferenceService: MlopsInferenceServiceHealth;
  workbench: MlopsWorkbenchState;
}

/**
 * One change of an object that belongs to a watched entity, mapped like the read API
 * maps it, so a client merges `item` into its list by `name` (`upsert`) or removes
 * the item of that name (`delete`).
 *
 * @public
 */
export type MlopsLiveChange = {
  [T in MlopsLiveItemType]: {
    type: T;
    change: 'upsert' | 'delete';
    /** The watched entity the object belongs to, e.g. `component:default/anomaly-detector`. */
    entityRef: string;
    cluster: string;
    namespace: string;
    /** The object's name (the item's `name`). */
    name: string;
    item: MlopsLiveItems[T];
  };
}[MlopsLiveItemType];

/**
 * `data` of the `ready` event.
 *
 * @public
 */
export interface MlopsLiveReady {
  /** The entities this stream watches (normalized refs). */
  entityRefs: string[];
  /** True when the stream continues from the client's `Last-Event-ID` without a gap. */
  resumed: boolean;
  /** Milliseconds between heartbeats. */
  heartbeatMs: number;
}

/**
 * `data` of the `resync` event.
 *
 * @public
 */
export interface MlopsLiveResync {
  /**
   * `resume-point-too-old`: the changes after the client's `Last-Event-ID` are no
   * longer kept; `server-restarted`: that id is of an earlier backend instance.
   */
  reason: 'resume-point-too-old' | 'server-restarted';
}
