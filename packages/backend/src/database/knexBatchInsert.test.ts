import type { Knex } from 'knex';
import { afterImmediates } from '../__testUtils__/afterImmediates';
import { inMemoryKnex } from './__testUtils__/inMemoryKnex';

/**
 * The portal installs knex with `.yarn/patches/knex-npm-3.3.0-*.patch`: `batchInsert`
 * yields with `setImmediate` instead of a 1 ms timer. The catalog calls it several
 * times per entity inside transactions, and SQLite has one connection, so every such
 * timer left the whole catalog waiting (see the catalog module's README, Performance).
 */
describe('knex batchInsert in the portal', () => {
  let db: Knex;

  beforeEach(async () => {
    db = inMemoryKnex();
    await db.schema.createTable('rows', table => table.integer('n'));
  });

  afterEach(async () => {
    jest.useRealTimers();
    await db.destroy();
  });

  it('inserts inside a transaction without waiting for a timer', async () => {
    await db.transaction(async tx => {
      // Timers never fire from here on; setImmediate still runs.
      jest.useFakeTimers({
        doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'],
      });
      const inserted = tx
        .batchInsert('rows', [{ n: 1 }, { n: 2 }, { n: 3 }], 2)
        .then(() => 'inserted');
      const outcome = await Promise.race([
        inserted,
        afterImmediates(100).then(() => 'still waiting for a timer'),
      ]);
      jest.useRealTimers();
      expect(outcome).toBe('inserted');
      await inserted;
    });
    expect(await db('rows').orderBy('n').pluck('n')).toEqual([1, 2, 3]);
  });

  it('still honours transacting() and returning() chained after the call', async () => {
    await db.transaction(async tx => {
      await db
        .batchInsert('rows', [{ n: 7 }, { n: 8 }], 1)
        .transacting(tx)
        .returning('n');
      // Not yet committed: only the transaction sees the rows.
      expect(await tx('rows').pluck('n')).toEqual([7, 8]);
    });
    expect(await db('rows').pluck('n')).toEqual([7, 8]);
  });
});
