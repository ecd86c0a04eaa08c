import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { processingResult } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { inMemoryKnex } from '../database/__testUtils__/inMemoryKnex';
import {
  providedEntity,
  startCatalogWithProvider,
} from './__testUtils__/startCatalogWithProvider';

/**
 * The portal installs the catalog backend with
 * `.yarn/patches/@backstage-plugin-catalog-backend-npm-4.0.0-*.patch`, which also
 * trims the statements the catalog runs for every entity it processes and stitches
 * (see the catalog module's README, Performance):
 *
 * - its batch inserts of relations, refresh keys, references and search rows run in
 *   the transaction they are part of, not in a nested one (a SAVEPOINT and a RELEASE
 *   around each, even an empty one);
 * - an entity whose processors cached nothing does not get an empty cache written in a
 *   transaction of its own;
 * - the read of an entity's parents runs without a transaction around it.
 *
 * These tests run the whole catalog on in-memory SQLite, as the quick start does, and
 * read the statements it sent.
 */

const PROVIDER = 'statements-test';

const group = providedEntity('Group', 'team-a', { type: 'team', children: [] });
const untouched = providedEntity('Component', 'churn', {
  type: 'ml-model',
  lifecycle: 'production',
  owner: 'group:default/team-a',
});
const cached = providedEntity('Component', 'fraud', {
  type: 'ml-model',
  lifecycle: 'production',
  owner: 'group:default/team-a',
});

describe('the catalog in the portal, statement by statement', () => {
  let knex: Knex;
  let statements: string[];
  let backend: { stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    knex = inMemoryKnex();
    statements = [];
    let recording = false;
    knex.on('query', (query: { sql: string }) => {
      if (recording) statements.push(query.sql);
    });
    const started = await startCatalogWithProvider({
      name: PROVIDER,
      // For one entity only: keeps something in its cache, and a refresh key.
      processor: {
        getProcessorName: () => 'statements-test-cache',
        async preProcessEntity(e, _location, emit, _origin, cache) {
          if (e.metadata.name === cached.metadata.name) {
            await cache.set('seen', 'yes');
            emit(processingResult.refresh('url:https://example.com/fraud'));
          }
          return e;
        },
      },
      features: [
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              stitchingStrategy: {
                mode: 'deferred',
                pollingInterval: { milliseconds: 100 },
              },
            },
          },
        }),
      ],
    });
    backend = started.backend;
    // From here: not the migrations (which alter tables in nested transactions).
    recording = true;
    await started.connection.applyMutation({
      type: 'full',
      entities: [group, untouched, cached].map(e => ({
        entity: e,
        locationKey: PROVIDER,
      })),
    });
    // Readable with the relations each one gets from the others.
    await waitFor(async () => {
      const rows = await knex('final_entities')
        .whereNotNull('final_entity')
        .select('final_entity');
      const relations = rows.map(
        row => (JSON.parse(row.final_entity) as Entity).relations ?? [],
      );
      return (
        relations.length === 3 &&
        relations.every(r => r.length > 0) &&
        relations.some(r => r.length === 2)
      );
    }, 'the three entities with their relations');
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await knex?.destroy();
  });

  it('processes and stitches into the right relations, search rows and caches', async () => {
    const finalEntity = async (ref: string): Promise<Entity> =>
      JSON.parse(
        (await knex('final_entities').where({ entity_ref: ref }).first())
          .final_entity,
      );
    expect((await finalEntity('component:default/churn')).relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
    ]);
    expect(
      (await finalEntity('group:default/team-a')).relations?.map(
        r => `${r.type} ${r.targetRef}`,
      ),
    ).toEqual([
      'ownerOf component:default/churn',
      'ownerOf component:default/fraud',
    ]);
    const search = await knex('search')
      .join('final_entities', 'search.entity_id', 'final_entities.entity_id')
      .where({
        'final_entities.entity_ref': 'component:default/churn',
        'search.key': 'relations.ownedby',
      })
      .select('search.value');
    expect(search).toEqual([{ value: 'group:default/team-a' }]);
    // fraud's refresh key, in the transaction that stored its processing result.
    expect(await knex('refresh_keys').select('entity_id')).toHaveLength(1);

    const cacheOf = async (ref: string) =>
      (await knex('refresh_state').where({ entity_ref: ref }).first()).cache;
    // What a processor keeps is still written...
    expect(JSON.parse(await cacheOf('component:default/fraud'))).toEqual({
      ttl: 5,
      cache: { 'statements-test-cache': { seen: 'yes' } },
    });
    // ...and nothing is written when no processor kept anything (stock: `{"ttl":5,"cache":{}}`).
    expect(await cacheOf('component:default/churn')).toBeNull();
  });

  it('runs no nested transaction around the inserts of processing and stitching', () => {
    const nested = statements.flatMap((sql, i) =>
      sql.startsWith('SAVEPOINT ') ? [statements[i + 1] ?? ''] : [],
    );
    // The provider's own batches still have theirs (a conflict there falls back to a
    // slower path, which needs the savepoint).
    expect(
      nested.some(sql => sql.startsWith('insert into `refresh_state`')),
    ).toBe(true);
    for (const table of ['search', 'relations', 'refresh_keys']) {
      const insert = expect.stringMatching(
        new RegExp(`^insert into \`${table}\``),
      );
      expect(statements).toContainEqual(insert);
      expect(nested).not.toContainEqual(insert);
    }
    // An empty batch (no refresh keys, no references) sends nothing at all.
    expect(nested).not.toContainEqual(
      expect.stringMatching(/^RELEASE SAVEPOINT/),
    );
  });

  it('writes no cache for an entity whose processors kept nothing', () => {
    const cacheWrites = statements.filter(sql =>
      sql.startsWith('update `refresh_state` set `cache` = ?'),
    );
    // Only fraud's: one of three processed entities.
    expect(cacheWrites).toHaveLength(1);
  });

  it("reads an entity's parents without a transaction around the read", () => {
    const parentReads = statements.flatMap((sql, i) =>
      sql.startsWith(
        'select * from `refresh_state_references` where `target_entity_ref` in',
      )
        ? [{ before: statements[i - 1], after: statements[i + 1] }]
        : [],
    );
    expect(parentReads.length).toBeGreaterThanOrEqual(3);
    for (const { before, after } of parentReads) {
      expect(before).not.toBe('BEGIN;');
      expect(after).not.toBe('COMMIT;');
    }
  });
});

async function waitFor(check: () => Promise<boolean>, what: string) {
  const until = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
