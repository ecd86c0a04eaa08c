import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { MlopsNotificationTopic } from '@backstage-mlops/plugin-mlops-common';
import type { Knex } from 'knex';
import { NOTIFICATIONS_TABLE } from '../database/migrations';
import { sha256 } from '../database/sha256';

/**
 * A notification of one transition of one object, for one entity.
 *
 * @internal
 */
export interface TransitionNotification {
  /**
   * Names the transition the same way on every replica (entity, cluster, kind, object
   * uid, what happened and, for a state that can come back, when): the one key that
   * makes it sent once.
   */
  transitionKey: string;
  entityRef: string;
  topic: MlopsNotificationTopic;
  send: NotificationSendOptions;
}

/**
 * Timings of a {@link NotificationOutbox}.
 *
 * @internal
 */
export interface NotificationOutboxOptions {
  notifications: NotificationService;
  logger: LoggerService;
  /** How many times a notification is tried before it is given up (and logged). */
  maxAttempts: number;
  /** The wait after the first failed try; doubled after each further one. */
  retryMs: number;
  /**
   * How long a replica that claimed a notification has to send it before another
   * replica may (it died meanwhile).
   */
  leaseMs: number;
  /** How long rows are kept (they keep a transition from being sent again). */
  retentionMs: number;
}

interface Row {
  key_hash: string;
  transition_key: string;
  entity_ref: string;
  topic: string;
  payload: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number | string;
}

/** What became of a submitted notification. */
export type SubmitResult = 'sent' | 'already-claimed' | 'retrying';

/**
 * Sends each transition's notification once across every backend replica sharing the
 * plugin's database: the replica whose insert of the transition's row wins sends it
 * (the primary key is the hash of the transition key, so exactly one insert wins on
 * SQLite and PostgreSQL alike). A send that fails stays `pending` and is retried with a
 * doubling wait by whichever replica's {@link NotificationOutbox.sendDue} claims it
 * first (an atomic compare-and-set of `next_attempt_at`), as is a row whose replica
 * died while sending; after `maxAttempts` it is `failed` and logged as an error with
 * what it would have said. Every notification's `scope` is its transition key, so in
 * the one case where a send may repeat (a replica dies between the notifications
 * backend's answer and marking the row sent), the notifications backend updates the
 * same notification instead of adding one.
 *
 * @internal
 */
export class NotificationOutbox {
  static create(
    knex: Knex,
    options: NotificationOutboxOptions,
  ): NotificationOutbox {
    return new NotificationOutbox(knex, options);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly options: NotificationOutboxOptions,
  ) {}

  /** Claims the transition and, when this call won it, sends its notification. */
  async submit(
    notification: TransitionNotification,
    now: number = Date.now(),
  ): Promise<SubmitResult> {
    const row: Row = {
      key_hash: sha256(notification.transitionKey),
      transition_key: notification.transitionKey,
      entity_ref: notification.entityRef,
      topic: notification.topic,
      payload: JSON.stringify(notification.send),
      state: 'pending',
      attempts: 0,
      next_attempt_at: now + this.options.leaseMs,
    };
    if (!(await this.claim(row))) {
      return 'already-claimed';
    }
    return this.deliver(row);
  }

  /**
   * Sends the pending notifications whose retry is due (or whose replica died while
   * sending), each claimed atomically; returns how many this call sent.
   */
  async sendDue(now: number = Date.now(), limit = 20): Promise<number> {
    const due = await this.knex<Row>(NOTIFICATIONS_TABLE)
      .where('state', 'pending')
      .andWhere('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit);
    let sent = 0;
    for (const row of due) {
      const claimed = await this.knex(NOTIFICATIONS_TABLE)
        .where({
          key_hash: row.key_hash,
          state: 'pending',
          next_attempt_at: row.next_attempt_at,
        })
        .update({ next_attempt_at: now + this.options.leaseMs });
      if (claimed === 1 && (await this.deliver(row)) === 'sent') {
        sent += 1;
      }
    }
    return sent;
  }

  /** Deletes rows older than the retention. */
  async deleteExpired(now: number = Date.now()): Promise<number> {
    return this.knex(NOTIFICATIONS_TABLE)
      .where('created_at', '<', now - this.options.retentionMs)
      .delete();
  }

  /** Inserts the row; false when another call (on any replica) holds the key. */
  private async claim(row: Row): Promise<boolean> {
    try {
      await this.knex(NOTIFICATIONS_TABLE).insert({
        ...row,
        created_at: Date.now(),
      });
      return true;
    } catch (error) {
      // A unique violation (the key is taken) on any database; anything else is real.
      const existing = await this.knex(NOTIFICATIONS_TABLE)
        .where({ key_hash: row.key_hash })
        .first();
      if (existing) {
        return false;
      }
      throw error;
    }
  }

  private async deliver(row: Row): Promise<SubmitResult> {
    const { logger, maxAttempts, retryMs } = this.options;
    try {
      await this.options.notifications.send(
        JSON.parse(row.payload) as NotificationSendOptions,
      );
    } catch (error) {
      const attempts = row.attempts + 1;
      const what = `the ${row.topic} notification of ${row.entity_ref} (${row.transition_key})`;
      if (attempts >= maxAttempts) {
        await this.knex(NOTIFICATIONS_TABLE)
          .where({ key_hash: row.key_hash })
          .update({ state: 'failed', attempts });
        logger.error(
          `gave up sending ${what} after ${attempts} tries: ${stringifyError(
            error,
          )}; it said: ${row.payload}`,
        );
        return 'retrying';
      }
      const waitMs = retryMs * 2 ** (attempts - 1);
      await this.knex(NOTIFICATIONS_TABLE)
        .where({ key_hash: row.key_hash })
        .update({ attempts, next_attempt_at: Date.now() + waitMs });
      logger.warn(
        `could not send ${what} (try ${attempts} of ${maxAttempts}), trying again in ${Math.round(
          waitMs / 1000,
        )} s: ${stringifyError(error)}`,
      );
      return 'retrying';
    }
    await this.knex(NOTIFICATIONS_TABLE)
      .where({ key_hash: row.key_hash })
      .update({
        state: 'sent',
        attempts: row.attempts + 1,
        sent_at: Date.now(),
      });
    return 'sent';
  }
}
