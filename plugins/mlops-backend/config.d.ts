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
    actions?: {
      /**
       * How long (hours) the answer of an action request sent with an
       * `Idempotency-Key` header is kept, so a retry with the same key gets it back
       * instead of acting again. Default 24.
       * @visibility backend
       */
      idempotencyRetentionHours?: number;
    };
  };
}
