import type { Knex } from 'knex';

/** The table of idempotency records (see `IdempotencyStore`). */
export const IDEMPOTENCY_TABLE = 'mlops_idempotency_keys';

/** The notifications claimed for sending, one row per transition (see `NotificationOutbox`). */
export const NOTIFICATIONS_TABLE = 'mlops_notifications';

/** What the notifier remembers between restarts: serving readiness per object, and since when it notifies. */
export const NOTIFIER_STATE_TABLE = 'mlops_notifier_state';

/** The table where knex records which of these migrations ran. */
export const MIGRATIONS_TABLE = 'mlops_knex_migrations';

const migrations: Record<string, Knex.Migration> = {
  '20261122000000_idempotency_keys': {
    async up(knex) {
      await knex.schema.createTable(IDEMPOTENCY_TABLE, table => {
        table.comment(
          'Action requests with an Idempotency-Key: the first answer, replayed for retries',
        );
        table
          .string('key_hash', 64)
          .primary()
          .comment('sha256 of caller, action, entity ref and the key');
        table.string('caller', 255).notNullable();
        table.string('action', 64).notNullable();
        table.string('entity_ref', 255).notNullable();
        table
          .string('request_hash', 64)
          .notNullable()
          .comment('sha256 of the request; a reused key must send the same');
        table.string('state', 16).notNullable().comment('pending or done');
        table.integer('response_status').nullable();
        table.text('response_body').nullable();
        table
          .bigInteger('created_at')
          .notNullable()
          .index()
          .comment('milliseconds since the epoch');
      });
    },
    async down(knex) {
      await knex.schema.dropTable(IDEMPOTENCY_TABLE);
    },
  },
  '20261207000000_notifications': {
    async up(knex) {
      await knex.schema.createTable(NOTIFICATIONS_TABLE, table => {
        table.comment(
          'Notifications to model owners, one row per transition: whoever inserts it sends it',
        );
        table
          .string('key_hash', 64)
          .primary()
          .comment('sha256 of the transition key');
        table
          .text('transition_key')
          .notNullable()
          .comment('cluster, kind, object uid, topic and when it happened');
        table.string('entity_ref', 255).notNullable();
        table.string('topic', 64).notNullable();
        table.text('payload').notNullable().comment('what is sent, as JSON');
        table
          .string('state', 16)
          .notNullable()
          .comment('pending, sent or failed');
        table.integer('attempts').notNullable();
        table
          .bigInteger('next_attempt_at')
          .notNullable()
          .index()
          .comment('a pending row is sent again after this (milliseconds)');
        table.bigInteger('created_at').notNullable().index();
        table.bigInteger('sent_at').nullable();
      });
      await knex.schema.createTable(NOTIFIER_STATE_TABLE, table => {
        table.comment(
          'What the notifier last saw of an object (serving readiness), compared and set atomically',
        );
        table.string('key_hash', 64).primary().comment('sha256 of the key');
        table.text('state_key').notNullable();
        table.string('value', 64).notNullable();
        table.bigInteger('updated_at').notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable(NOTIFIER_STATE_TABLE);
      await knex.schema.dropTable(NOTIFICATIONS_TABLE);
    },
  },
};

/**
 * The database migrations of the mlops backend plugin, in code (nothing to resolve
 * on disk, so they run the same from source, from the bundle and in tests).
 *
 * @internal
 */
export const mlopsMigrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return Object.keys(migrations).sort();
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name) {
    return migrations[name];
  },
};

/**
 * Brings the plugin's tables up to date.
 *
 * @internal
 */
export async function migrateMlopsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    migrationSource: mlopsMigrationSource,
    tableName: MIGRATIONS_TABLE,
  });
}
