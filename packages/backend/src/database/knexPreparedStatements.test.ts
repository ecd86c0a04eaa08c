import type { Knex } from 'knex';
import { inMemoryKnex } from './__testUtils__/inMemoryKnex';

/**
 * The portal installs knex with `.yarn/patches/knex-npm-3.3.0-*.patch`: the
 * better-sqlite3 client keeps prepared statements per connection instead of preparing
 * every query again (a tenth of the catalog's CPU time while it ingests, measured with
 * bench/catalog-discovery.mjs). These tests pin what that must not change.
 */
describe('knex better-sqlite3 prepared statements in the portal', () => {
  let db: Knex;
  let prepare: jest.SpyInstance;

  beforeEach(async () => {
    db = inMemoryKnex();
    await db.schema.createTable('models', table => {
      table.string('name');
      table.integer('runs');
    });
    await db('models').insert([
      { name: 'fraud', runs: 3 },
      { name: 'churn', runs: 5 },
    ]);
    // An in-memory SQLite database has one connection: every query below uses it.
    const connection = await db.client.acquireConnection();
    prepare = jest.spyOn(connection, 'prepare');
    await db.client.releaseConnection(connection);
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('prepares a statement once and runs it again with other bindings', async () => {
    const runsOf = (name: string) => db('models').where({ name }).first('runs');
    expect(await runsOf('fraud')).toEqual({ runs: 3 });
    expect(await runsOf('churn')).toEqual({ runs: 5 });
    expect(await runsOf('missing')).toBeUndefined();
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('answers a kept statement with the columns of a changed table', async () => {
    const all = () => db('models').orderBy('name').select('*');
    expect(await all()).toEqual([
      { name: 'churn', runs: 5 },
      { name: 'fraud', runs: 3 },
    ]);
    await db.schema.alterTable('models', table => table.string('owner'));
    await db('models').update({ owner: 'team-a' });
    expect(await all()).toEqual([
      { name: 'churn', runs: 5, owner: 'team-a' },
      { name: 'fraud', runs: 3, owner: 'team-a' },
    ]);
  });

  it('keeps integer modes apart', async () => {
    const total = (safeIntegers?: boolean) =>
      db
        .raw('select sum(runs) as total from models')
        .options(safeIntegers === undefined ? {} : { safeIntegers });
    expect(await total(true)).toEqual([{ total: BigInt(8) }]);
    expect(await total()).toEqual([{ total: 8 }]);
    expect(await total(true)).toEqual([{ total: BigInt(8) }]);
  });

  it('keeps at most 500 statements, dropping the least recently used', async () => {
    const select = (n: number) => db.raw(`select ${n} as n`);
    await select(0);
    for (let n = 1; n <= 500; n++) {
      await select(n);
      if (n % 100 === 0) await select(0); // keeps 0 recently used
    }
    prepare.mockClear();
    await select(0);
    expect(prepare).not.toHaveBeenCalled();
    await select(1); // the least recently used one was dropped
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('reports a broken statement each time and keeps nothing of it', async () => {
    // Matched by message: better-sqlite3's native part builds its errors with the
    // constructor of the first test file that loaded it, so in a shared Jest worker
    // they need not be instances of this file's Error.
    const broken = { message: expect.stringMatching(/no such table: nowhere/) };
    await expect(db.raw('select * from nowhere').then()).rejects.toMatchObject(
      broken,
    );
    await expect(db.raw('select * from nowhere').then()).rejects.toMatchObject(
      broken,
    );
    expect(prepare).toHaveBeenCalledTimes(2);
  });
});
