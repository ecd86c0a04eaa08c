import { mockServices } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
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
import { EntityChangeMapper } from './EntityChangeMapper';
import { ModelTargetIndex } from './ModelTargetIndex';

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

/** Places an entity by its annotations on the one cluster `dev`; refuses other clusters. */
const resolver: MlopsEntityResolver = {
  enforcement: 'mutations',
  async resolve(entity) {
    const result = readMlopsCoordinates(entity);
    if (!result.ok) throw new InputError('bad annotations');
    if ((result.coordinates.cluster ?? 'dev') !== 'dev') {
      throw new InputError('cluster not configured');
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
  const targets = ModelTargetIndex.create({
    catalog,
    auth: mockServices.auth(),
    access: ModelAccess.create({
      catalog,
      permissions: mockServices.permissions(),
      entities: resolver,
    }),
    logger: mockServices.logger.mock(),
    now: options.now,
  });
  return { store, mapper: EntityChangeMapper.create({ store, targets }) };
}

function event<K extends MlopsResourceKindId>(
  kind: K,
  object: MlopsSlimObjects[K],
  cluster = 'dev',
): MlopsObjectEvent {
  return { cluster, kind, type: 'MODIFIED', object };
}

describe('EntityChangeMapper', () => {
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

  it('leaves out entities that do not resolve (bad annotations, another cluster)', async () => {
    const { mapper } = setup([
      model('anomaly-detector', { 'mlops.backstage.io/cluster': 'prod' }),
    ]);
    expect(
      await mapper.entityRefsOf(event('pipelineruns', aPipelineRun('run-1'))),
    ).toEqual([]);
  });

  it('reads the catalog again once the index is 30 s old, and retries after a failed read', async () => {
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
});
