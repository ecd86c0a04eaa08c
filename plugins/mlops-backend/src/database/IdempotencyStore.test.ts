import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { IdempotencyStore } from './IdempotencyStore';
import { IDEMPOTENCY_TABLE, migrateMlopsDatabase } from './migrations';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const scope = {
  caller: 'user:default/jdoe',
  action: 'run-training',
  entityRef: 'component:default/anomaly-detector',
  key: 'key-1',
};

async function setUp(options: { waitMs?: number } = {}) {
  const knex = await databases.init('SQLITE_3');
  await migrateMlopsDatabase(knex);
  const logger = mockServices.logger.mock();
  // Two stores on one database: two backend replicas.
  const make = () => IdempotencyStore.create(knex, { logger, ...options });
  return { knex, first: make(), second: make() };
}

describe('IdempotencyStore', () => {
  it('acts once for concurrent requests with one key on two replicas', async () => {
    const { first, second } = await setUp();
    let calls = 0;
    const act = async () => {
      calls++;
      await new Promise(r => setTimeout(r, 200));
      return { status: 201, body: { name: `run-${calls}` } };
    };
    const results = await Promise.all([
      first.run(scope, { a: 1 }, act),
      second.run(scope, { a: 1 }, act),
      second.run(scope, { a: 1 }, act),
    ]);
    expect(calls).toBe(1);
    expect(results.map(r => r.response)).toEqual([
      { status: 201, body: { name: 'run-1' } },
      { status: 201, body: { name: 'run-1' } },
      { status: 201, body: { name: 'run-1' } },
    ]);
    expect(results.filter(r => r.replayed)).toHaveLength(2);
  });

  it('keeps keys apart per caller, action and entity', async () => {
    const { first } = await setUp();
    const act = jest.fn(async () => ({ status: 200, body: {} }));
    await first.run(scope, {}, act);
    await first.run({ ...scope, caller: 'user:default/other' }, {}, act);
    await first.run({ ...scope, action: 'start-build' }, {}, act);
    await first.run({ ...scope, entityRef: 'component:default/x' }, {}, act);
    expect(act).toHaveBeenCalledTimes(4);
  });

  it('refuses a key reused for a different request', async () => {
    const { first } = await setUp();
    await first.run(scope, { a: 1 }, async () => ({ status: 201, body: {} }));
    await expect(
      first.run(scope, { a: 2 }, async () => ({ status: 201, body: {} })),
    ).rejects.toThrow(
      /Idempotency-Key "key-1" was already used for a different run-training request/,
    );
  });

  it('releases the key when the first request fails, so a retry acts', async () => {
    const { first } = await setUp();
    await expect(
      first.run(scope, {}, async () => {
        throw new Error('cluster down');
      }),
    ).rejects.toThrow('cluster down');
    const retry = await first.run(scope, {}, async () => ({
      status: 201,
      body: { ok: true },
    }));
    expect(retry).toEqual({
      response: { status: 201, body: { ok: true } },
      replayed: false,
    });
  });

  it('answers 409 when the first request is still running after the wait', async () => {
    const { first, second } = await setUp({ waitMs: 300 });
    let release: () => void = () => {};
    const slow = first.run(scope, {}, async () => {
      await new Promise<void>(r => {
        release = r;
      });
      return { status: 201, body: {} };
    });
    await new Promise(r => setTimeout(r, 50));
    const duplicate = second.run(scope, {}, async () => ({
      status: 201,
      body: {},
    }));
    await expect(duplicate).rejects.toBeInstanceOf(ConflictError);
    await expect(duplicate).rejects.toThrow(/is still in progress/);
    release();
    await slow;
  });

  it('deletes answers older than the retention', async () => {
    const { knex, first } = await setUp();
    await first.run(scope, {}, async () => ({ status: 201, body: {} }));
    expect(await first.deleteExpired(Date.now())).toBe(0);
    expect(await first.deleteExpired(Date.now() + 25 * 3600_000)).toBe(1);
    expect(await knex(IDEMPOTENCY_TABLE).count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
