import { mockServices } from '@backstage/backend-test-utils';
import { dirname, join } from 'node:path';
import { afterImmediates } from '../__testUtils__/afterImmediates';
import {
  providedEntity,
  startCatalogWithProvider,
} from './__testUtils__/startCatalogWithProvider';

/**
 * The portal installs the catalog backend with
 * `.yarn/patches/@backstage-plugin-catalog-backend-npm-4.0.0-*.patch`: what an entity
 * provider stores wakes the processing engine of the same process at once. Stock, the
 * engine looks for new work once a second when it is idle, so every mutation waited
 * 0-1 s before its entities were processed (see the catalog module's README,
 * Performance). These tests pin the wake-up and what it must not change.
 */

interface Pipeline {
  startTaskPipeline<T>(options: {
    lowWatermark: number;
    highWatermark: number;
    pollingIntervalMs?: number;
    loadTasks(count: number): Promise<T[]>;
    processTask(item: T): Promise<void>;
    subscribeWakeUp?(wakeUp: () => void): () => void;
  }): () => void;
}

// The catalog's task pipeline is internal; the test loads it from the installed package.
const { startTaskPipeline }: Pipeline = require(join(
  dirname(require.resolve('@backstage/plugin-catalog-backend')),
  'processing/TaskPipeline.cjs.js',
));

function fakeTimers() {
  jest.useFakeTimers({
    doNotFake: [
      'setImmediate',
      'clearImmediate',
      'nextTick',
      'queueMicrotask',
      'Date',
      'hrtime',
      'performance',
    ],
  });
}

describe('the catalog task pipeline in the portal', () => {
  let wakeUp: () => void;
  let unsubscribed: boolean;
  const subscribeWakeUp = (listener: () => void) => {
    wakeUp = listener;
    unsubscribed = false;
    return () => {
      unsubscribed = true;
    };
  };

  beforeEach(() => fakeTimers());
  afterEach(() => jest.useRealTimers());

  it('looks for new work as soon as it is woken, not at its next poll', async () => {
    const queue: string[] = [];
    const processed: string[] = [];
    const loadTasks = jest.fn(async () => queue.splice(0));
    const stop = startTaskPipeline({
      lowWatermark: 1,
      highWatermark: 2,
      pollingIntervalMs: 1000,
      loadTasks,
      processTask: async (item: string) => {
        processed.push(item);
      },
      subscribeWakeUp,
    });
    await afterImmediates(50);
    expect(loadTasks).toHaveBeenCalledTimes(1);

    queue.push('component:default/churn');
    wakeUp();
    await afterImmediates(50);
    expect(processed).toEqual(['component:default/churn']);

    stop();
    expect(unsubscribed).toBe(true);
  });

  it('does not lose a wake-up that comes while it is loading', async () => {
    const queue: string[] = [];
    const processed: string[] = [];
    let finishFirstLoad: (items: string[]) => void = () => {};
    const loadTasks = jest
      .fn<Promise<string[]>, [number]>()
      .mockImplementationOnce(
        () => new Promise(resolve => (finishFirstLoad = resolve)),
      )
      .mockImplementation(async () => queue.splice(0));
    const stop = startTaskPipeline({
      lowWatermark: 1,
      highWatermark: 2,
      loadTasks,
      processTask: async (item: string) => {
        processed.push(item);
      },
      subscribeWakeUp,
    });
    await afterImmediates(50);
    // Stored while the first load reads: that load does not see it.
    queue.push('component:default/fraud');
    wakeUp();
    finishFirstLoad([]);
    await afterImmediates(50);
    expect(processed).toEqual(['component:default/fraud']);
    stop();
  });

  it('waits for its tasks in flight instead of loading more when woken while busy', async () => {
    const finishers: Array<() => void> = [];
    const loadTasks = jest.fn(async (count: number) =>
      Array.from({ length: count }, (_, i) => `task-${i}`),
    );
    const stop = startTaskPipeline({
      lowWatermark: 0,
      highWatermark: 1,
      loadTasks,
      processTask: () => new Promise<void>(done => finishers.push(done)),
      subscribeWakeUp,
    });
    await afterImmediates(50);
    expect(loadTasks).toHaveBeenCalledTimes(1);
    wakeUp();
    wakeUp();
    await afterImmediates(50);
    expect(loadTasks).toHaveBeenCalledTimes(1);

    finishers.shift()!();
    await afterImmediates(50);
    expect(loadTasks).toHaveBeenCalledTimes(2);
    stop();
  });

  it('still polls on its own when nothing wakes it', async () => {
    const loadTasks = jest.fn(async () => []);
    const stop = startTaskPipeline({
      lowWatermark: 1,
      highWatermark: 2,
      pollingIntervalMs: 1000,
      loadTasks,
      processTask: async () => {},
    });
    await afterImmediates(50);
    expect(loadTasks).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);
    await afterImmediates(50);
    expect(loadTasks).toHaveBeenCalledTimes(2);
    stop();
  });
});

describe('the catalog in the portal', () => {
  afterEach(() => jest.useRealTimers());

  it('processes what a provider stores without waiting for the engine to poll', async () => {
    const processed = new Set<string>();
    const entity = (name: string) =>
      providedEntity('Component', name, {
        type: 'ml-model',
        lifecycle: 'experimental',
        owner: 'team-a',
      });
    const { backend, connection } = await startCatalogWithProvider({
      name: 'wake-up-test',
      processor: {
        getProcessorName: () => 'wake-up-test-observer',
        async preProcessEntity(e) {
          processed.add(e.metadata.name);
          return e;
        },
      },
      features: [mockServices.rootConfig.factory({ data: {} })],
    });
    try {
      await connection.applyMutation({
        type: 'full',
        entities: [{ entity: entity('first'), locationKey: 'wake-up-test' }],
      });
      await waitFor(() => processed.has('first'), 'the first entity');

      // From here the engine's timers never fire. Let its last real poll timer
      // (at most a second) pass, so that only a wake-up can make it look again.
      fakeTimers();
      await realPause(1200);
      await connection.applyMutation({
        type: 'delta',
        added: [{ entity: entity('second'), locationKey: 'wake-up-test' }],
        removed: [],
      });
      for (let i = 0; i < 400 && !processed.has('second'); i++) {
        await afterImmediates(5);
      }
      expect(processed.has('second')).toBe(true);
    } finally {
      jest.useRealTimers();
      await backend.stop();
    }
  }, 30_000);
});

/** Waits with real time, whatever the timers are. */
async function realPause(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await afterImmediates(1);
  }
}

async function waitFor(check: () => boolean, what: string) {
  const until = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
