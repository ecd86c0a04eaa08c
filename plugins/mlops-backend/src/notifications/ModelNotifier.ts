import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  isMlModelEntity,
  type MlopsNotificationTopic,
  readMlopsNotificationChoice,
} from '@backstage-mlops/plugin-mlops-common';
import {
  TEKTON_PIPELINE_RUN_LABEL,
  type MlopsObjectEvent,
  type MlopsObjectStore,
  type MlopsResourceKindId,
  type MlopsSlimObjects,
  type SlimInferenceService,
  type SlimNotebookValidationJob,
  type SlimPipelineRun,
  type SlimTaskRun,
} from '@backstage-mlops/plugin-mlops-node';
import type { CatalogModelIndex } from '../ownership/CatalogModelIndex';
import { pipelineRunOf } from '../ownership/belongsToEntity';
import type { ModelTarget } from '../services/ModelAccess';
import type { ValidationErrorCategories } from '../services/ValidationErrorCategories';
import {
  runFailurePayload,
  servingPayload,
  validationFailurePayload,
} from './notificationPayloads';
import type { NotificationOutbox } from './NotificationOutbox';
import type { NotifierState } from './NotifierState';
import type { NotificationSettings } from './readNotificationSettings';
import {
  runFailureOf,
  servingStateOf,
  validationFailureOf,
} from './transitions';

/** The kinds whose changes can be notified (TaskRuns re-read their run). */
const WATCHED_KINDS: MlopsResourceKindId[] = [
  'pipelineruns',
  'taskruns',
  'notebookvalidationjobs',
  'inferenceservices',
];

/** The remembered state that says since when this database notifies. */
const SINCE_KEY = 'notify-since';

/** How many claimed transition keys each replica remembers to spare the database. */
const HANDLED_CAP = 50_000;

/**
 * Options of {@link ModelNotifier.create}.
 *
 * @internal
 */
export interface ModelNotifierOptions {
  store: MlopsObjectStore;
  /** The plugin's index of catalog entities, started and stopped by the plugin. */
  index: CatalogModelIndex;
  outbox: NotificationOutbox;
  state: NotifierState;
  validationCategories: ValidationErrorCategories;
  logger: LoggerService;
  settings: NotificationSettings;
}

/**
 * Tells a model's owner, through Backstage's notifications, when one of the model's
 * training runs fails or is blocked by its promotion gate, when one of its notebook
 * validations fails (with the error category), and when its InferenceService stops
 * being Ready and when it is Ready again; each with a link to the tab that shows it.
 *
 * It listens to the watch cache (one subscription), reads each change with the status
 * vocabulary, finds the models the object belongs to (the plugin's `CatalogModelIndex`,
 * keeping its `ml-model` Components only) and hands each transition to the
 * `NotificationOutbox`, which sends it once across replicas.
 *
 * What counts as a transition, so that a restart or a second replica never repeats one:
 * - a run or validation that failed: once per object; only when it failed after this
 *   database first ran the notifier (`notify-since`), so turning notifications on does
 *   not report old failures, while a failure during a restart is still reported;
 * - serving: a change of `Ready` between True and False against the last readiness
 *   remembered in the database (compare-and-set); the first sight of an
 *   InferenceService only records it.
 * The owner's entity may turn topics off with `mlops.backstage.io/notifications`.
 *
 * @internal
 */
export class ModelNotifier {
  static create(options: ModelNotifierOptions): ModelNotifier {
    return new ModelNotifier(options);
  }

  private since = Number.POSITIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();
  private readonly handled = new Set<string>();
  private readonly warned = new Set<string>();
  private readonly settling = new Map<string, NodeJS.Timeout>();
  private unsubscribe?: () => void;
  private retryTimer?: NodeJS.Timeout;
  private lastCleanup = 0;
  private sendingDue = false;

  private constructor(private readonly options: ModelNotifierOptions) {}

  /** Subscribes to the watch cache and starts the retries; resolves once subscribed. */
  async start(): Promise<void> {
    const { store, state, settings } = this.options;
    this.since = Number(await state.getOrInit(SINCE_KEY, String(Date.now())));
    // Until the catalog's models are known, changes are not kept (a catalog that
    // cannot be read must not pile them up): the pass over the cache that follows
    // reads what they left, and the list of a kind still syncing emits its objects.
    let ready = false;
    this.unsubscribe = store.subscribe(event => {
      if (
        ready &&
        event.type !== 'DELETED' &&
        WATCHED_KINDS.includes(event.kind)
      ) {
        this.enqueue(() => this.handle(event));
      }
    });
    this.enqueue(async () => {
      ready = true;
      for (const { cluster, kind } of store.status()) {
        if (!WATCHED_KINDS.includes(kind)) continue;
        for (const object of store.listCached?.({ cluster, kind }).items ??
          []) {
          await this.handle({ cluster, kind, type: 'ADDED', object });
        }
      }
    });
    this.retryTimer = setInterval(() => this.sendDue(), settings.retryMs);
    this.retryTimer.unref?.();
  }

  /** Stops listening; resolves when what was received is handled. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.retryTimer);
    this.settling.forEach(timer => clearTimeout(timer));
    this.settling.clear();
    await this.queue;
  }

  /** Resolves when every change received so far is handled (for tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(task: () => Promise<void>) {
    this.queue = this.queue
      .then(() => this.options.index.ready())
      .then(task)
      .catch(error =>
        this.options.logger.error(`notifications: ${stringifyError(error)}`),
      );
  }

  private async handle(event: MlopsObjectEvent): Promise<void> {
    switch (event.kind) {
      case 'pipelineruns':
        return this.onRun(event.cluster, event.object as SlimPipelineRun);
      case 'taskruns':
        return this.onTaskRun(event.cluster, event.object as SlimTaskRun);
      case 'notebookvalidationjobs':
        return this.onValidation(
          event.cluster,
          event.object as SlimNotebookValidationJob,
        );
      case 'inferenceservices':
        return this.onServing(
          event.cluster,
          event.object as SlimInferenceService,
        );
      default:
        return undefined;
    }
  }

  /** A TaskRun's change may complete its failed run's cause (a gate's verdict). */
  private async onTaskRun(cluster: string, taskRun: SlimTaskRun) {
    const run = await pipelineRunOf(this.options.store, cluster, taskRun);
    if (run) await this.onRun(cluster, run);
  }

  private async onRun(
    cluster: string,
    run: SlimPipelineRun,
    settled = false,
  ): Promise<void> {
    const targets = await this.modelsOf(cluster, 'pipelineruns', run);
    if (targets.length === 0) return;
    const objectKey = `${cluster}/pipelineruns/${run.metadata.uid}`;
    if (targets.every(t => this.handled.has(`${t.entityRef}|${objectKey}`))) {
      return;
    }
    const taskRuns = await this.options.store.query({
      cluster,
      kind: 'taskruns',
      namespace: run.metadata.namespace,
      labels: { [TEKTON_PIPELINE_RUN_LABEL]: run.metadata.name },
    });
    const failure = runFailureOf(run, taskRuns.items);
    if (!failure || !this.isNew(failure.at)) return;
    if (!failure.complete && !settled) {
      this.settle(objectKey, () => this.onRun(cluster, run, true));
      return;
    }
    this.settling.delete(objectKey);
    for (const target of targets) {
      await this.submit(target, objectKey, failure.topic, model =>
        runFailurePayload(target.entityRef, model, run.metadata.name, failure),
      );
    }
  }

  private async onValidation(
    cluster: string,
    job: SlimNotebookValidationJob,
  ): Promise<void> {
    const targets = await this.modelsOf(cluster, 'notebookvalidationjobs', job);
    const objectKey = `${cluster}/notebookvalidationjobs/${job.metadata.uid}`;
    const open = targets.filter(
      t => !this.handled.has(`${t.entityRef}|${objectKey}`),
    );
    if (open.length === 0 || !validationFailureOf(job)) return;
    const failure = validationFailureOf(
      job,
      await this.options.validationCategories.categoryOf(cluster, job),
    );
    if (!failure || !this.isNew(failure.at)) return;
    for (const target of open) {
      await this.submit(target, objectKey, failure.topic, model =>
        validationFailurePayload(
          target.entityRef,
          model,
          job.metadata.name,
          failure,
        ),
      );
    }
  }

  private async onServing(
    cluster: string,
    isvc: SlimInferenceService,
  ): Promise<void> {
    const targets = await this.modelsOf(cluster, 'inferenceservices', isvc);
    const serving = servingStateOf(isvc);
    if (targets.length === 0 || !serving) return;
    const objectKey = `${cluster}/inferenceservices/${isvc.metadata.uid}`;
    const seen = await this.options.state.observe(
      `serving|${objectKey}`,
      serving.state,
    );
    if (seen.kind !== 'changed') return;
    const topic: MlopsNotificationTopic =
      serving.state === 'ready' ? 'serving-recovered' : 'serving-unready';
    // The readiness changed here, once across replicas; its time tells this change
    // from the next one of the same InferenceService.
    const when = serving.since ?? new Date().toISOString();
    for (const target of targets) {
      await this.submit(target, `${objectKey}/${when}`, topic, model =>
        servingPayload(target.entityRef, model, isvc.metadata.name, serving),
      );
    }
  }

  /** The `ml-model` Components an object belongs to (owners of `ml-pipeline`s are not notified). */
  private async modelsOf<K extends MlopsResourceKindId>(
    cluster: string,
    kind: K,
    object: MlopsSlimObjects[K],
  ): Promise<ModelTarget[]> {
    const targets = await this.options.index.targetsOf(cluster, kind, object);
    return targets.filter(target => isMlModelEntity(target.entity));
  }

  /** Whether a failure happened since this database notifies (unknown time: yes). */
  private isNew(at: number | undefined): boolean {
    return at === undefined || at >= this.since;
  }

  /** Runs `check` once after `settleMs`, unless one is already waiting. */
  private settle(key: string, check: () => Promise<void>) {
    if (this.settling.has(key)) return;
    const timer = setTimeout(() => {
      this.settling.delete(key);
      this.enqueue(check);
    }, this.options.settings.settleMs);
    timer.unref?.();
    this.settling.set(key, timer);
  }

  private async submit(
    target: ModelTarget,
    objectKey: string,
    topic: MlopsNotificationTopic,
    payloadOf: (model: string) => NotificationPayload,
  ): Promise<void> {
    const handledKey = `${target.entityRef}|${objectKey}`;
    if (this.handled.has(handledKey)) return;
    const choice = readMlopsNotificationChoice(
      target.entity.metadata.annotations,
    );
    if (choice.problem && !this.warned.has(target.entityRef)) {
      this.warned.add(target.entityRef);
      this.options.logger.warn(`${target.entityRef}: ${choice.problem}`);
    }
    // A run or a validation fails once, whichever topic its failure reads as.
    const serving =
      topic === 'serving-unready' || topic === 'serving-recovered';
    const transitionKey = `${handledKey}/${serving ? topic : 'failed'}`;
    let result = 'turned-off';
    if (choice.topics.includes(topic)) {
      const model = target.entity.metadata.title ?? target.entity.metadata.name;
      result = await this.options.outbox.submit({
        transitionKey,
        entityRef: target.entityRef,
        topic,
        send: {
          recipients: { type: 'entity', entityRef: target.entityRef },
          payload: { ...payloadOf(model), scope: transitionKey },
        },
      });
    }
    this.options.logger.debug(`${topic} ${transitionKey}: ${result}`);
    if (this.handled.size >= HANDLED_CAP) this.handled.clear();
    this.handled.add(handledKey);
  }

  /** Sends the retries that are due (one pass at a time), and now and then cleans up. */
  private async sendDue(): Promise<void> {
    if (this.sendingDue) return;
    this.sendingDue = true;
    try {
      await this.options.outbox.sendDue();
      const now = Date.now();
      if (now - this.lastCleanup > 3600_000) {
        this.lastCleanup = now;
        await this.options.outbox.deleteExpired(now);
      }
    } catch (error) {
      this.options.logger.warn(
        `notifications: could not send the due retries: ${stringifyError(
          error,
        )}`,
      );
    } finally {
      this.sendingDue = false;
    }
  }
}
