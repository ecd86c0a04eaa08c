import knexFactory, { type Knex } from 'knex';

/**
 * A knex client on a new in-memory SQLite database, as the portal's quick start uses
 * (better-sqlite3, one connection). For the tests of the portal's knex patch.
 */
export function inMemoryKnex(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
}
