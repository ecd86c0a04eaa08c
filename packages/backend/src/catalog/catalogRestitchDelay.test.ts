import type { Knex } from 'knex';
import { dirname, join } from 'node:path';
import { inMemoryKnex } from '../database/__testUtils__/inMemoryKnex';

/**
 * The portal installs the catalog backend with
 * `.yarn/patches/@backstage-plugin-catalog-backend-npm-4.0.0-*.patch`: an entity that
 * is marked for stitching again while it is being stitched waits 100 times as long as
 * that stitch took (at most 3 s) before it is stitched again. Stock, it was stitched
 * again at once, so a group owning a thousand discovered models was stitched over and
 * over with all its relations (see the catalog module's README, Performance). These
 * tests pin the delay and what it must not change.
 */

/** What a stitch returns, and what it tells `markDeferredStitchCompleted`. */
type StitchResult = 'changed' | 'unchanged' | 'abandoned';
type StitchOutcome = 'succeeded' | 'abandoned';

interface MarkDeferredStitchCompletedModule {
  markDeferredStitchCompleted(options: {
    knex: Knex;
    entityRef: string;
    stitchTicket: string;
    result: StitchOutcome;
    restitchDelayMs?: number;
  }): Promise<void>;
}

interface PerformStitchingModule {
  performStitching(options: {
    knex: Knex;
    logger: { debug(message: string): void };
    entityRef: string;
    stitchTicket: string;
  }): Promise<StitchResult>;
}

// The stitcher's operations are internal; the tests load them from the installed package.
const catalogDist = dirname(
  require.resolve('@backstage/plugin-catalog-backend'),
);
const stitcher = (file: string) =>
  require(join(catalogDist, 'database/operations/stitcher', file));
const markModule: MarkDeferredStitchCompletedModule = stitcher(
  'markDeferredStitchCompleted.cjs.js',
);
const { performStitching }: PerformStitchingModule = stitcher(
  'performStitching.cjs.js',
);
const {
  applyDatabaseMigrations,
}: { applyDatabaseMigrations(knex: Knex): Promise<void> } = require(join(
  catalogDist,
  'database/migrations.cjs.js',
));

const ENTITY_REF = 'group:default/ml-platform-team';

describe('the catalog stitcher in the portal', () => {
  let knex: Knex;

  beforeEach(async () => {
    knex = inMemoryKnex();
    await applyDatabaseMigrations(knex);
    await knex('refresh_state').insert({
      entity_id: 'id-1',
      entity_ref: ENTITY_REF,
      unprocessed_entity: '{}',
      processed_entity: JSON.stringify({
        apiVersion: 'backstage.io/v1',
        kind: 'Group',
        metadata: { name: 'ml-platform-team', namespace: 'default' },
        spec: { type: 'team', children: [] },
      }),
      errors: '[]',
      next_update_at: knex.fn.now(),
      last_discovery_at: knex.fn.now(),
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await knex.destroy();
  });

  const queueRow = () =>
    knex('stitch_queue')
      .where('entity_ref', ENTITY_REF)
      .first(
        'stitch_ticket',
        knex.raw(
          "(julianday(next_stitch_at) - julianday('now')) * 86400000 as due_in_ms",
        ),
      );

  const markedWithTicket = (ticket: string) =>
    knex('stitch_queue').insert({
      entity_ref: ENTITY_REF,
      stitch_ticket: ticket,
      next_stitch_at: knex.fn.now(),
    });

  /** The stitcher finishing the stitch it started with the ticket `being-stitched`. */
  const stitchCompleted = (options: {
    result: StitchOutcome;
    restitchDelayMs?: number;
  }) =>
    markModule.markDeferredStitchCompleted({
      knex,
      entityRef: ENTITY_REF,
      stitchTicket: 'being-stitched',
      ...options,
    });

  it('waits the given delay before stitching an entity again that was marked during its stitch', async () => {
    await markedWithTicket('marked-again');

    await stitchCompleted({ result: 'succeeded', restitchDelayMs: 2500 });

    const row = await queueRow();
    expect(row.stitch_ticket).toBe('marked-again');
    // SQLite keeps whole seconds: due 1.5-2.5 s from now.
    expect(row.due_in_ms).toBeGreaterThan(1400);
    expect(row.due_in_ms).toBeLessThanOrEqual(2600);
  });

  it('stitches it again at once without a delay, and after an abandoned stitch', async () => {
    for (const options of [
      { result: 'succeeded' as const },
      { result: 'abandoned' as const, restitchDelayMs: 2500 },
    ]) {
      await knex('stitch_queue').delete();
      await knex('stitch_queue').insert({
        entity_ref: ENTITY_REF,
        stitch_ticket: 'marked-again',
        next_stitch_at: knex.raw("datetime('now', '+60 seconds')"),
      });

      await stitchCompleted(options);

      expect((await queueRow()).due_in_ms).toBeLessThanOrEqual(0);
    }
  });

  it('takes an entity off the queue when nothing marked it meanwhile', async () => {
    await markedWithTicket('being-stitched');

    await stitchCompleted({ result: 'succeeded', restitchDelayMs: 2500 });

    expect(await queueRow()).toBeUndefined();
  });

  it('asks for a delay of 100 times as long as the stitch took, at most 3 s', async () => {
    const completed = jest.spyOn(markModule, 'markDeferredStitchCompleted');
    const now = jest.spyOn(performance, 'now');
    const logger = { debug: jest.fn() };

    for (const [tookMs, delayMs] of [
      [12, 1200],
      [80, 3000],
    ]) {
      await knex('stitch_queue').delete();
      await knex('final_entities').delete();
      await markedWithTicket('ticket');
      now.mockReturnValueOnce(1000).mockReturnValueOnce(1000 + tookMs);

      await expect(
        performStitching({
          knex,
          logger,
          entityRef: ENTITY_REF,
          stitchTicket: 'ticket',
        }),
      ).resolves.toBe('changed');

      expect(completed).toHaveBeenLastCalledWith(
        expect.objectContaining({
          entityRef: ENTITY_REF,
          result: 'succeeded',
          restitchDelayMs: delayMs,
        }),
      );
    }
    expect(
      JSON.parse(
        (await knex('final_entities').first('final_entity')).final_entity,
      ).metadata.name,
    ).toBe('ml-platform-team');
  });
});
