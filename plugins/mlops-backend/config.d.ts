export interface Config {
  mlops?: {
    cache?: {
      /**
       * How long (seconds) the backend remembers, per caller, an entity it resolved and
       * the caller's read access to it, so repeated views of a page do not re-ask the
       * catalog and the permission framework. A revoked permission or an edited
       * annotation takes effect within this time. 0 turns it off. Default 5.
       * @visibility backend
       */
      entityTtlSeconds?: number;
    };
    /**
     * Notifications to a model's owner through Backstage's notifications plugin
     * (install `@backstage/plugin-notifications-backend`): a training run failed, a
     * candidate blocked by its promotion gate, a notebook validation failed, the
     * InferenceService not Ready and Ready again. A model turns topics off with its
     * `mlops.backstage.io/notifications` annotation.
     */
    notifications?: {
      /**
       * Whether notifications are sent. Default true.
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * How often the catalog's models (their owners and opt-outs, and where their
       * objects are) are read again, in seconds; also how soon live updates follow a
       * newly registered model, also when notifications are off. Default 60.
       * @visibility backend
       */
      modelsRefreshSeconds?: number;
      /**
       * How long a failed run waits for its failed TaskRun to reach the cache (to tell
       * a gate's verdict from a failure) before it is reported without it, in seconds.
       * Default 10.
       * @visibility backend
       */
      settleSeconds?: number;
      /**
       * How many times a notification is tried before it is given up and logged as
       * an error. Default 5.
       * @visibility backend
       */
      maxAttempts?: number;
      /**
       * The wait after a failed try, in seconds, doubled after each further one.
       * Default 30.
       * @visibility backend
       */
      retrySeconds?: number;
      /**
       * How long sent notifications are remembered in the plugin's database, in days.
       * Default 30.
       * @visibility backend
       */
      retentionDays?: number;
    };
    /** Step and build logs (`…/taskruns/:taskRun/steps/:step/log`, `…/builds/:build/log`). */
    logs?: {
      /**
       * The most kilobytes one log response carries, and the default `limitBytes`.
       * Default 1024.
       * @visibility backend
       */
      maxKilobytes?: number;
      /**
       * The longest a followed (or any) log response stays open, in seconds; the
       * client asks again (e.g. with `sinceTime`) to go on. Default 600.
       * @visibility backend
       */
      maxFollowSeconds?: number;
    };
    mutations?: {
      /**
       * How long (hours) the answer of a mutation request (`POST …/mutations/…`) sent with an
       * `Idempotency-Key` header is kept, so a retry with the same key gets it back
       * instead of acting again. Default 24.
       * @visibility backend
       */
      idempotencyRetentionHours?: number;
    };
  };
}
