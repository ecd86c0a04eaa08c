import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { HandWrittenIndex } from './HandWrittenIndex';
import { coordinateKey } from './handWrittenKeys';

/** A catalog whose content the test changes while the index reads it. */
class ChangingCatalog {
  models: Entity[] = [];
  reads = 0;
  failing = false;

  addModel(name: string, location?: string) {
    this.models.push(modelEntity(name, location));
  }

  asService(): CatalogService {
    return {
      getEntities: async () => {
        this.reads++;
        if (this.failing) throw new Error('catalog unavailable');
        return { items: [...this.models] };
      },
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

function createIndex(catalog: ChangingCatalog) {
  return HandWrittenIndex.create({
    catalog: catalog.asService(),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    intervalMs: 60_000,
  });
}

const scorerKey = coordinateKey.modelName('dev', 'ns', 'scorer');

describe('HandWrittenIndex', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('knows what the catalog returned at its last read, leaving out discovered entities', async () => {
    const catalog = new ChangingCatalog();
    catalog.addModel('scorer');
    catalog.addModel('found', 'mlops:cluster/dev');
    const index = createIndex(catalog);
    expect(index.hasRead()).toBe(false);
    expect(await index.read()).toBe(false); // the first read is no change
    expect(index.hasRead()).toBe(true);
    expect(index.find([scorerKey])).toBe('component:default/scorer');
    expect(
      index.find([coordinateKey.modelName('dev', 'ns', 'found')]),
    ).toBeUndefined();
  });

  it('says whether a read changed what it knows', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    await index.read();
    expect(index.find([scorerKey])).toBeUndefined();
    catalog.addModel('scorer');
    expect(await index.read()).toBe(true);
    expect(await index.read()).toBe(false);
    expect(index.find([scorerKey])).toBe('component:default/scorer');
  });

  it('keeps what it knew when a read fails, and throws', async () => {
    const catalog = new ChangingCatalog();
    catalog.addModel('scorer');
    const index = createIndex(catalog);
    await index.read();
    catalog.failing = true;
    await expect(index.read()).rejects.toThrow('catalog unavailable');
    expect(index.find([scorerKey])).toBe('component:default/scorer');
  });

  it('once started, reads every intervalMs and tells listeners only of changes', async () => {
    const catalog = new ChangingCatalog();
    const index = createIndex(catalog);
    await index.read();
    const changes = jest.fn();
    index.onChange(changes);
    index.start();
    await jest.advanceTimersByTimeAsync(59_000);
    expect(catalog.reads).toBe(1);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(catalog.reads).toBe(2);
    expect(changes).not.toHaveBeenCalled();

    catalog.addModel('scorer');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(changes).toHaveBeenCalledTimes(1);

    // A failed periodic read is logged and the reads go on.
    catalog.failing = true;
    await jest.advanceTimersByTimeAsync(60_000);
    catalog.failing = false;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(catalog.reads).toBe(5);

    index.stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(catalog.reads).toBe(5);
  });
});
