import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { IDEMPOTENCY_TABLE } from './migrations';
import { sha256 } from './sha256';

/**
 * Who sends which key for what: a key is only ever matched within the same caller,
 * action and entity.
 *
 * @internal
 */
export interface IdempotencyScope {
  caller: string;
  action: string;
  entityRef: string;
  key: string;
}

/**
 * An answer worth replaying.
 *
 * @internal
 */
export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Row {
  key_hash: string;
  request_hash: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: number | string;
}

/**
 * Timings of an {@link IdempotencyStore}.
 *
 * @internal
 */
export interface IdempotencyStoreOptions {
  logger: LoggerService;
  /** How long a finished answer is kept for replay (default 24 h). */
  retentionMs?: number;
  /** How long a duplicate waits for the first request to finish (default 15 s). */
  waitMs?: number;
  /** A pending record older than this was abandoned (its replica died; default 5 min). */
  abandonedAfterMs?: number;
}

function truncate(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Makes action requests idempotent across backend replicas, in the plugin's database:
 * the first request with a key inserts a `pending` record (the primary key is the hash
 * of caller, action, entity and key, so exactly one insert wins, whichever replica it
 * reaches), acts, and stores its answer; a repeat gets that answer back; a concurrent
 * duplicate waits for it (then a `ConflictError` if it takes too long). A key reused
 * with a different request is a `ConflictError`. A failed first request removes its
 * record, so a retry acts again. Records expire after the retention.
 *
 * @internal
 */
export class IdempotencyStore {
  static create(
    knex: Knex,
    options: IdempotencyStoreOptions,
  ): IdempotencyStore {
    return new IdempotencyStore(knex, options);
  }

  private readonly retentionMs: number;
  private readonly waitMs: number;
  private readonly abandonedAfterMs: number;
  private lastCleanup = 0;

  private constructor(
    private readonly knex: Knex,
    private readonly options: IdempotencyStoreOptions,
  ) {
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    this.waitMs = options.waitMs ?? 15_000;
    this.abandonedAfterMs = options.abandonedAfterMs ?? 5 * 60_000;
  }

  /**
   * Runs `execute` once per scope: returns its answer, or the stored answer of the
   * first request with the same scope (`replayed: true`).
   */
  async run(
    scope: IdempotencyScope,
    request: unknown,
    execute: () => Promise<StoredResponse>,
  ): Promise<{ response: StoredResponse; replayed: boolean }> {
    await this.cleanupNowAndThen();
    const keyHash = sha256(
      JSON.stringify([scope.caller, scope.action, scope.entityRef, scope.key]),
    );
    const requestHash = sha256(JSON.stringify(request ?? null));
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if (await this.claim(keyHash, requestHash, scope)) {
        return {
          response: await this.execute(keyHash, execute),
          replayed: false,
        };
      }
      const row = await this.read(keyHash);
      if (!row) {
        continue; // the first request failed and released the key: act now
      }
      if (row.request_hash !== requestHash) {
        throw new ConflictError(
          `Idempotency-Key ${JSON.stringify(
            scope.key,
          )} was already used for a different ${scope.action} request on ${
            scope.entityRef
          }; use a new key for a new request`,
        );
      }
      if (row.state === 'done') {
        return {
          response: {
            status: row.response_status ?? 200,
            body: row.response_body ? JSON.parse(row.response_body) : undefined,
          },
          replayed: true,
        };
      }
      if (Number(row.created_at) < Date.now() - this.abandonedAfterMs) {
        await this.knex(IDEMPOTENCY_TABLE)
          .where({ key_hash: keyHash, state: 'pending' })
          .delete();
        continue;
      }
      if (Date.now() > deadline) {
        throw new ConflictError(
          `a ${scope.action} request on ${
            scope.entityRef
          } with Idempotency-Key ${JSON.stringify(
            scope.key,
          )} is still in progress; retry later with the same key to get its result`,
        );
      }
      await sleep(100);
    }
  }

  private async execute(
    keyHash: string,
    execute: () => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    let response: StoredResponse;
    try {
      response = await execute();
    } catch (error) {
      await this.knex(IDEMPOTENCY_TABLE).where({ key_hash: keyHash }).delete();
      throw error;
    }
    await this.knex(IDEMPOTENCY_TABLE)
      .where({ key_hash: keyHash })
      .update({
        state: 'done',
        response_status: response.status,
        response_body: JSON.stringify(response.body ?? null),
      });
    return response;
  }

  /** Inserts the pending record; false when another request holds the key. */
  private async claim(
    keyHash: string,
    requestHash: string,
    scope: IdempotencyScope,
  ): Promise<boolean> {
    try {
      await this.knex(IDEMPOTENCY_TABLE).insert({
        key_hash: keyHash,
        caller: truncate(scope.caller, 255),
        action: truncate(scope.action, 64),
        entity_ref: truncate(scope.entityRef, 255),
        request_hash: requestHash,
        state: 'pending',
        created_at: Date.now(),
      });
      return true;
    } catch (error) {
      // A unique violation (the key is taken) on any database; anything else is real.
      if (await this.read(keyHash)) {
        return false;
      }
      throw error;
    }
  }

  private async read(keyHash: string): Promise<Row | undefined> {
    return this.knex<Row>(IDEMPOTENCY_TABLE)
      .where({ key_hash: keyHash })
      .first();
  }

  /** Deletes expired records, at most every ten minutes per replica. */
  private async cleanupNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 10 * 60_000) {
      return;
    }
    this.lastCleanup = now;
    await this.deleteExpired(now);
  }

  /** Deletes answers older than the retention and abandoned pending records. */
  async deleteExpired(now: number = Date.now()): Promise<number> {
    try {
      return await this.knex(IDEMPOTENCY_TABLE)
        .where('created_at', '<', now - this.retentionMs)
        .orWhere(builder =>
          builder
            .where('state', 'pending')
            .andWhere('created_at', '<', now - this.abandonedAfterMs),
        )
        .delete();
    } catch (error) {
      this.options.logger.warn(
        `could not delete expired idempotency records: ${error}`,
      );
      return 0;
    }
  }
}
