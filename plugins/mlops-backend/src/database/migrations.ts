import type { Knex } from 'knex';

/** The table of idempotency records (see `IdempotencyStore`). */
export const IDEMPOTENCY_TABLE = 'mlops_idempotency_keys';

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
