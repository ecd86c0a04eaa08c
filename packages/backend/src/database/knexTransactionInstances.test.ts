import knexFactory, { type Knex } from 'knex';
import { inMemoryKnex } from './__testUtils__/inMemoryKnex';

/**
 * The portal installs knex with `.yarn/patches/knex-npm-3.3.0-*.patch`: a knex
 * instance (one is made for every transaction) takes its query and EventEmitter
 * methods from one shared prototype instead of 123 copies of its own. That halved
 * the cost of a transaction, and the catalog runs about four per entity (see the
 * catalog module's README, Performance). These tests pin that and what it must not
 * change.
 */
describe('knex instances in the portal', () => {
  let db: Knex;

  beforeEach(async () => {
    db = inMemoryKnex();
    await db.schema.createTable('rows', table => table.integer('n'));
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('gives a transaction the query methods without copying them onto it', async () => {
    await db.transaction(async tx => {
      for (const method of ['select', 'where', 'insert', 'on', 'emit']) {
        expect(Object.prototype.hasOwnProperty.call(tx, method)).toBe(false);
        expect(typeof (tx as unknown as Record<string, unknown>)[method]).toBe(
          'function',
        );
      }
      await tx('rows').insert([{ n: 1 }, { n: 2 }]);
      expect(await tx.select('n').from('rows').orderBy('n')).toEqual([
        { n: 1 },
        { n: 2 },
      ]);
    });
    expect(await db('rows').count({ rows: '*' })).toEqual([{ rows: 2 }]);
  });

  it('still runs raw queries, the schema builder and fn through a transaction', async () => {
    await db.transaction(async tx => {
      expect(tx.isTransaction).toBe(true);
      expect(await tx.raw('select 41 + 1 as answer')).toEqual([{ answer: 42 }]);
      expect(await tx.schema.hasTable('rows')).toBe(true);
      expect(tx.fn.now().toQuery()).toBe('CURRENT_TIMESTAMP');
      expect(tx.client).not.toBe(db.client);
      expect(tx.userParams).toEqual({});
    });
  });

  it('tells each instance only the queries run through it', async () => {
    const seenByTransaction: string[] = [];
    const seenByDb: string[] = [];
    db.on('query', ({ sql }: { sql: string }) => seenByDb.push(sql));
    await db.transaction(async tx => {
      tx.on('query', ({ sql }: { sql: string }) => seenByTransaction.push(sql));
      await tx('rows').insert({ n: 1 });
    });
    await db('rows').where({ n: 1 }).first();

    expect(seenByTransaction).toEqual([
      'insert into `rows` (`n`) values (?)',
      'COMMIT;',
    ]);
    expect(seenByDb).toEqual(
      expect.arrayContaining([
        'insert into `rows` (`n`) values (?)',
        'select * from `rows` where `n` = ? limit ?',
      ]),
    );
  });

  it('keeps a withUserParams clone apart from its original', async () => {
    const clone = db.withUserParams({ tenant: 'team-a' });
    const seenByClone: string[] = [];
    clone.on('query', ({ sql }: { sql: string }) => seenByClone.push(sql));

    await db('rows').insert({ n: 1 });
    expect(seenByClone).toEqual([]);
    expect(await clone('rows').pluck('n')).toEqual([1]);
    expect(seenByClone).toEqual(['select `n` from `rows`']);
    expect(clone.userParams).toEqual({ tenant: 'team-a' });
    expect(db.userParams).toEqual({});
  });

  it('gives instances made after QueryBuilder.extend the new method', async () => {
    knexFactory.QueryBuilder.extend('countRows', function countRows() {
      return this.count({ rows: '*' });
    });
    await db('rows').insert([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const counted = await db.transaction(tx =>
      (tx as unknown as { countRows(): Knex.QueryBuilder })
        .countRows()
        .from('rows'),
    );
    expect(counted).toEqual([{ rows: 3 }]);
  });
});
