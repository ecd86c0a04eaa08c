import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { HandWrittenIndex } from './HandWrittenIndex';
import { coordinateKey } from './handWrittenKeys';

/** A catalog whose content the test changes while the index reads it. */
class ChangingCatalog {
  models: Entity[] = [];
  /** Entities of every kind (locations too), as the catalog counts them. */
  total = 0;
  reads = 0;

  addModel(name: string) {
    this.models.push(modelEntity(name));
    this.total++;
  }

  asService(): CatalogService {
    return {
      getEntities: async () => {
        this.reads++;
        return { items: [...this.models] };
      },
      queryEntities: async () => ({
        items: [],
        totalItems: this.total,
        pageInfo: {},
      }),
    } as unknown as CatalogService;
  }
}

function modelEntity(name: string, location = 'file:/repo/catalog-info.yaml') {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': location,
        'mlops.backstage.io/cluster': 'dev',
        'mlops.backstage.io/namespace': 'ns',
      },
    },
    spec: { type: 'ml-model' },
  } satisfies Entity;
}

const location: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'examples' },
  spec: { targets: ['./catalog-info.yaml'] },
};

const QUIET_MS = 1200;

function createIndex(catalog: ChangingCatalog) {
  return HandWrittenIndex.create({
    catalog: catalog.asService(),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    intervalMs: 60_000,
    settleQuietMs: QUIET_MS,
  });
}

/** Advances fake time in small steps and returns when `promise` settled (fake ms). */
async function timeUntil(promise: Promise<unknown>, limitMs = 60_000) {
  let done = false;
  void promise.then(() => (done = true));
  const start = Date.now();
  while (!done && Date.now() - start < limitMs) {
    await jest.advanceTimersByTimeAsync(50);
  }
  return done ? Date.now() - start : undefined;
}

describe('HandWrittenIndex', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is ready once the catalog has been unchanged for the quiet time, and knows what it read', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    // The catalog ingests its locations: a location entity at 300 ms, the model it
    // describes at 1,000 ms (no ML entity changes in between).
    setTimeout(() => catalog.total++, 300);
    setTimeout(() => catalog.addModel('scorer'), 1000);
    const took = await timeUntil(index.ready());
    expect(took).toBeGreaterThanOrEqual(1000 + QUIET_MS);
    expect(took).toBeLessThan(1000 + QUIET_MS + 500);
    expect(index.find([coordinateKey.modelName('dev', 'ns', 'scorer')])).toBe(
      'component:default/scorer',
    );
    index.stop();
  });

  it('counts a change of the entity count alone as the catalog still ingesting', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    for (const at of [400, 1400, 2400]) setTimeout(() => catalog.total++, at);
    const took = await timeUntil(index.ready());
    expect(took).toBeGreaterThanOrEqual(2400 + QUIET_MS);
    index.stop();
  });

  it('stops waiting after 30 s when the catalog keeps changing', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    const timer = setInterval(() => catalog.total++, 500);
    const took = await timeUntil(index.ready());
    clearInterval(timer);
    expect(took).toBeGreaterThanOrEqual(30_000);
    expect(took).toBeLessThan(31_000);
    index.stop();
  });

  it('is ready once the catalog has processed its entities here and gone idle, knowing them before they are readable', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    // Stitching goes on (the count changes every 200 ms until 3 s), but processing
    // here ends at 400 ms: a location, then the model it describes.
    for (let at = 200; at <= 3000; at += 200) {
      setTimeout(() => catalog.total++, at);
    }
    setTimeout(() => index.noteProcessingStarted(location), 100);
    setTimeout(() => index.noteProcessed(modelEntity('scorer')), 400);
    const took = await timeUntil(index.ready());
    expect(took).toBeGreaterThanOrEqual(400 + 500);
    expect(took).toBeLessThan(400 + 500 + 400);
    expect(catalog.models).toEqual([]);
    expect(index.find([coordinateKey.modelName('dev', 'ns', 'scorer')])).toBe(
      'component:default/scorer',
    );
    index.stop();
  });

  it('takes a hand-written entity only once the catalog has processed it', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    // Processing starts, and fails before the end (no postProcessEntity).
    index.noteProcessingStarted(modelEntity('broken'));
    expect(index.find([coordinateKey.modelName('dev', 'ns', 'broken')])).toBe(
      undefined,
    );
    index.noteProcessed(modelEntity('fine'));
    expect(index.find([coordinateKey.modelName('dev', 'ns', 'fine')])).toBe(
      'component:default/fine',
    );
    index.stop();
  });

  it('does not count discovered entities being processed as the catalog ingesting', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    setTimeout(() => catalog.total++, 1000);
    for (let at = 100; at <= 2000; at += 100) {
      setTimeout(
        () =>
          index.noteProcessed(modelEntity(`found-${at}`, 'mlops:cluster/dev')),
        at,
      );
    }
    const took = await timeUntil(index.ready());
    // Only the catalog's quiet time: 1,000 ms (the last change) + 1,200 ms.
    expect(took).toBeGreaterThanOrEqual(1000 + QUIET_MS);
    expect(
      index.find([coordinateKey.modelName('dev', 'ns', 'found-100')]),
    ).toBe(undefined);
    index.stop();
  });

  it('after an early start, tells listeners of a hand-written entity as it is processed, and of what only the catalog shows at the next read', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    const changes = jest.fn();
    index.onChange(changes);
    setTimeout(() => index.noteProcessingStarted(location), 100);
    for (let at = 200; at <= 2000; at += 200) {
      setTimeout(() => catalog.total++, at);
    }
    await timeUntil(index.ready());
    expect(changes).not.toHaveBeenCalled();
    const readsWhenReady = catalog.reads;

    // A slow location's model, processed here: known and told at once.
    index.noteProcessed(modelEntity('late'));
    expect(changes).toHaveBeenCalledTimes(1);
    expect(index.find([coordinateKey.modelName('dev', 'ns', 'late')])).toBe(
      'component:default/late',
    );
    // Processing it again tells nobody.
    index.noteProcessed(modelEntity('late'));
    expect(changes).toHaveBeenCalledTimes(1);

    // Processed on another replica: the reads see it, at the next one (60 s here),
    // and they stopped at ready (the catalog still changes while discovery goes on).
    catalog.addModel('elsewhere');
    await jest.advanceTimersByTimeAsync(30_000);
    expect(catalog.reads).toBe(readsWhenReady);
    await jest.advanceTimersByTimeAsync(31_000);
    expect(changes).toHaveBeenCalledTimes(2);
    expect(
      index.find([coordinateKey.modelName('dev', 'ns', 'elsewhere')]),
    ).toBe('component:default/elsewhere');
    index.stop();
  });

  it('reads the catalog again after the first load only every intervalMs', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    await timeUntil(index.ready());
    const readsWhenReady = catalog.reads;
    await jest.advanceTimersByTimeAsync(59_000);
    expect(catalog.reads).toBe(readsWhenReady);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(catalog.reads).toBe(readsWhenReady + 1);
    index.stop();
  });
});
