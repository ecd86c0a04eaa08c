import { mockServices } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readMlopsCoordinates } from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsEntityResolver,
  MlopsObjectEvent,
  MlopsResourceKindId,
  MlopsSlimObjects,
} from '@backstage-mlops/plugin-mlops-node';
import {
  aBuild,
  anInferenceService,
  aPipelineRun,
  aTaskRun,
  aValidationJob,
  aWorkbench,
} from '../mappers/testFixtures';
import { demoModel } from '../__testUtils__/devClusterBackend';
import { ModelAccess } from '../services/ModelAccess';
import { InMemoryObjectStore } from '../testing/InMemoryObjectStore';
import { CATALOG_RETRY_MS, CatalogModelIndex } from './CatalogModelIndex';

const MODEL_REF = 'component:default/anomaly-detector';
const PIPELINE_REF = 'resource:default/anomaly-detector-training';

/** A demo model (namespace mlops-demo, its InferenceService, BuildConfig and workbench). */
const model = demoModel;

const pipeline: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'anomaly-detector-training',
    namespace: 'default',
    annotations: {
      'mlops.backstage.io/namespace': 'mlops-demo',
      'mlops.backstage.io/training-pipeline': 'model-training-pipeline',
    },
  },
  spec: { type: 'ml-pipeline', owner: 'team' },
};

/**
 * Places an entity by its annotations on the one cluster `dev`; refuses other
 * clusters, and reads in namespace `locked` (as a namespace that does not allow the
 * owner refuses them).
 */
const resolver: MlopsEntityResolver = {
  enforcement: 'reads-and-mutations',
  async resolve(entity, use) {
    const result = readMlopsCoordinates(entity);
    if (!result.ok) throw new InputError('bad annotations');
    if ((result.coordinates.cluster ?? 'dev') !== 'dev') {
      throw new InputError('cluster not configured');
    }
    if (use === 'read' && result.coordinates.namespace === 'locked') {
      throw new NotAllowedError('namespace locked refuses the owner');
    }
    return {
      entityRef: stringifyEntityRef(entity),
      coordinates: result.coordinates,
      cluster: {
        name: 'dev',
        url: 'https://dev',
        authProvider: 'serviceAccount',
      },
    };
  },
  allowedOwners: () => [],
};

function setup(
  entities: Entity[],
  options: {
    now?: () => number;
    catalog?: ReturnType<typeof catalogServiceMock>;
  } = {},
) {
  const catalog = options.catalog ?? catalogServiceMock({ entities });
  const store = new InMemoryObjectStore(['dev']);
  const index = CatalogModelIndex.create({
    catalog,
    auth: mockServices.auth(),
    access: ModelAccess.create({
      catalog,
      permissions: mockServices.permissions(),
      entities: resolver,
    }),
    store,
    logger: mockServices.logger.mock(),
    refreshMs: 30_000,
    now: options.now,
  });
  /** The refs of the entities a change concerns, as live updates signal them. */
  const mapper = {
    entityRefsOf: async ({ cluster, kind, object }: MlopsObjectEvent) =>
      (await index.targetsOf(cluster, kind, object)).map(t => t.entityRef),
  };
  return { store, index, mapper };
}

function event<K extends MlopsResourceKindId>(
  kind: K,
  object: MlopsSlimObjects[K],
  cluster = 'dev',
): MlopsObjectEvent {
  return { cluster, kind, type: 'MODIFIED', object };
}

describe('CatalogModelIndex', () => {
  const entities = [
    model('anomaly-detector'),
    model('churn-predictor'),
    pipeline,
  ];

  it('maps a PipelineRun to the model it trains and the ml-pipeline it runs', async () => {
    const { mapper } = setup(entities);
    expect(
      await mapper.entityRefsOf(event('pipelineruns', aPipelineRun('run-1'))),
    ).toEqual([MODEL_REF, PIPELINE_REF]);
  });

  it("maps a TaskRun to its PipelineRun's entities, and to none when the run is not cached", async () => {
    const { mapper, store } = setup(entities);
    store.add('dev', 'pipelineruns', aPipelineRun('run-1'));
    expect(
      await mapper.entityRefsOf(event('taskruns', aTaskRun('run-1', 'train'))),
    ).toEqual([MODEL_REF, PIPELINE_REF]);
    expect(
      await mapper.entityRefsOf(event('taskruns', aTaskRun('gone', 'train'))),
    ).toEqual([]);
    expect(
      await mapper.entityRefsOf(
        event('taskruns', aTaskRun('run-1', 'train', { unlabelled: true })),
      ),
    ).toEqual([]);
  });

  it('maps validation jobs, builds, InferenceServices and workbenches to their model only', async () => {
    const { mapper } = setup(entities);
    for (const change of [
      event('notebookvalidationjobs', aValidationJob('validate-1')),
      event('builds', aBuild('anomaly-detector-notebook', 1)),
      event('inferenceservices', anInferenceService()),
      event('notebooks', aWorkbench()),
    ]) {
      expect(await mapper.entityRefsOf(change)).toEqual([MODEL_REF]);
    }
    expect(
      await mapper.entityRefsOf(
        event(
          'inferenceservices',
          anInferenceService(undefined, { name: 'churn-predictor' }),
        ),
      ),
    ).toEqual(['component:default/churn-predictor']);
  });

  it("maps a serving pod, and Events about it or its InferenceService, to the service's model", async () => {
    const { mapper, store } = setup(entities);
    const pod = (name: string, service: string): MlopsSlimObjects['pods'] => ({
      metadata: {
        name,
        namespace: 'mlops-demo',
        uid: `uid-${name}`,
        resourceVersion: '1',
        labels: { 'serving.kserve.io/inferenceservice': service },
      },
      spec: { containers: ['kserve-container'] },
    });
    const about = (kind: string, name: string): MlopsSlimObjects['events'] => ({
      metadata: {
        name: `${name}.1`,
        namespace: 'mlops-demo',
        uid: `uid-${name}.1`,
        resourceVersion: '1',
      },
      involvedObject: { kind, name },
      type: 'Warning',
      reason: 'BackOff',
    });
    store.add(
      'dev',
      'pods',
      pod('anomaly-detector-predictor-a', 'anomaly-detector'),
    );
    for (const change of [
      event('pods', pod('anomaly-detector-predictor-a', 'anomaly-detector')),
      event('events', about('Pod', 'anomaly-detector-predictor-a')),
      event('events', about('InferenceService', 'anomaly-detector')),
    ]) {
      expect(await mapper.entityRefsOf(change)).toEqual([MODEL_REF]);
    }
    for (const change of [
      event('pods', pod('other-predictor-b', 'other')),
      event('events', about('Pod', 'not-cached')),
      event('events', about('InferenceService', 'other')),
    ]) {
      expect(await mapper.entityRefsOf(change)).toEqual([]);
    }
  });

  it('maps nothing for other namespaces, other clusters, unknown objects and kinds no tab follows', async () => {
    const { mapper } = setup(entities);
    expect(
      await mapper.entityRefsOf(
        event(
          'pipelineruns',
          aPipelineRun('run-1', { namespace: 'elsewhere' }),
        ),
      ),
    ).toEqual([]);
    expect(
      await mapper.entityRefsOf(
        event('pipelineruns', aPipelineRun('run-1'), 'prod'),
      ),
    ).toEqual([]);
    expect(
      await mapper.entityRefsOf(
        event(
          'inferenceservices',
          anInferenceService(undefined, { name: 'nobody' }),
        ),
      ),
    ).toEqual([]);
    expect(
      await mapper.entityRefsOf(
        event('pipelines', {
          metadata: {
            name: 'model-training-pipeline',
            namespace: 'mlops-demo',
          },
        } as MlopsSlimObjects['pipelines']),
      ),
    ).toEqual([]);
  });

  it('leaves out entities that do not resolve for reading (another cluster, a namespace that refuses the owner, no namespace)', async () => {
    const { mapper, index } = setup([
      model('anomaly-detector', { 'mlops.backstage.io/cluster': 'prod' }),
      model('churn-predictor', { 'mlops.backstage.io/namespace': 'locked' }),
      {
        ...model('fraud-detector'),
        metadata: { name: 'fraud-detector', namespace: 'default' },
      },
    ]);
    expect(
      await mapper.entityRefsOf(event('pipelineruns', aPipelineRun('run-1'))),
    ).toEqual([]);
    expect(await index.inNamespace('dev', 'locked')).toEqual([]);
    expect(await index.inNamespace('dev', 'mlops-demo')).toEqual([]);
    // The same entities in a namespace that allows reads are placed.
    const allowed = setup([model('churn-predictor')]);
    expect(
      (await allowed.index.inNamespace('dev', 'mlops-demo')).map(
        t => t.entityRef,
      ),
    ).toEqual(['component:default/churn-predictor']);
  });

  it('reads the catalog again at a lookup once the index is a period old, and retries after a failed read', async () => {
    let now = 0;
    const catalog = catalogServiceMock({ entities: [] });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const { mapper } = setup([], { catalog, now: () => now });
    const run = event('pipelineruns', aPipelineRun('run-1'));
    expect(await mapper.entityRefsOf(run)).toEqual([]);
    expect(getEntities).toHaveBeenCalledTimes(1);

    // A model registered now is followed after the index ages out.
    getEntities.mockResolvedValue({ items: [model('anomaly-detector')] });
    now = 10_000;
    expect(await mapper.entityRefsOf(run)).toEqual([]);
    expect(getEntities).toHaveBeenCalledTimes(1);
    now = 31_000;
    await mapper.entityRefsOf(run); // answers from the old index, reads again
    await new Promise(resolve => setImmediate(resolve));
    expect(getEntities).toHaveBeenCalledTimes(2);
    expect(await mapper.entityRefsOf(run)).toEqual([MODEL_REF]);

    // A failed read keeps the index and is retried, not on every change.
    getEntities.mockRejectedValue(new Error('catalog down'));
    now = 70_000;
    await mapper.entityRefsOf(run);
    await new Promise(resolve => setImmediate(resolve));
    expect(await mapper.entityRefsOf(run)).toEqual([MODEL_REF]);
    await new Promise(resolve => setImmediate(resolve));
    expect(getEntities).toHaveBeenCalledTimes(3);
    now = 76_000;
    await mapper.entityRefsOf(run);
    expect(getEntities).toHaveBeenCalledTimes(4);
  });

  describe('once started', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('reads the catalog every period, ready after the first read that succeeds, after a failure again in 5 s, until stopped', async () => {
      const catalog = catalogServiceMock({ entities: [] });
      const getEntities = jest
        .spyOn(catalog, 'getEntities')
        .mockRejectedValueOnce(new Error('catalog not up yet'));
      const { index } = setup([], { catalog, now: () => Date.now() });
      let ready = false;
      void index.ready().then(() => {
        ready = true;
      });

      index.start();
      await jest.advanceTimersByTimeAsync(0);
      expect(getEntities).toHaveBeenCalledTimes(1);
      expect(ready).toBe(false);

      await jest.advanceTimersByTimeAsync(CATALOG_RETRY_MS);
      expect(getEntities).toHaveBeenCalledTimes(2);
      expect(ready).toBe(true);

      getEntities.mockResolvedValue({ items: [model('anomaly-detector')] });
      await jest.advanceTimersByTimeAsync(29_000);
      expect(getEntities).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(getEntities).toHaveBeenCalledTimes(3);
      expect(
        (await index.inNamespace('dev', 'mlops-demo')).map(t => t.entityRef),
      ).toEqual([MODEL_REF]);

      index.stop();
      await jest.advanceTimersByTimeAsync(120_000);
      expect(getEntities).toHaveBeenCalledTimes(3);
    });
  });
});
