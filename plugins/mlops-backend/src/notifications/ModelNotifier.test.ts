import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { MlopsEntityResolver } from '@backstage-mlops/plugin-mlops-node';
import type { Knex } from 'knex';
import { migrateMlopsDatabase } from '../database/migrations';
import {
  aPipelineRun,
  aTaskRun,
  anInferenceService,
  at,
  condition,
  MODEL,
  NAMESPACE,
} from '../mappers/testFixtures';
import { CatalogModelIndex } from '../ownership/CatalogModelIndex';
import { ModelAccess } from '../services/ModelAccess';
import type { ValidationErrorCategories } from '../services/ValidationErrorCategories';
import { InMemoryObjectStore } from '../testing/InMemoryObjectStore';
import { ModelNotifier } from './ModelNotifier';
import { NotificationOutbox } from './NotificationOutbox';
import { NotifierState } from './NotifierState';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const REF = `component:default/${MODEL}`;

function entity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: MODEL,
      namespace: 'default',
      title: 'Anomaly detector',
      annotations: {
        'mlops.backstage.io/namespace': NAMESPACE,
        ...annotations,
      },
    },
    spec: { type: 'ml-model', owner: 'group:default/team' },
  };
}

/** The `ml-pipeline` whose runs train the model: its owner is not notified. */
const pipeline: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'model-training-pipeline',
    namespace: 'default',
    annotations: { 'mlops.backstage.io/namespace': NAMESPACE },
  },
  spec: { type: 'ml-pipeline', owner: 'group:default/team' },
};

/** Places every entity on cluster `dev`, namespace `mlops-demo`, as the resolver would. */
const resolver = {
  enforcement: 'off',
  allowedOwners: () => [],
  resolve: async (e: Entity) => ({
    entityRef: stringifyEntityRef(e),
    cluster: { name: 'dev' },
    coordinates: {
      namespace: NAMESPACE,
      modelName: MODEL,
      inferenceService: MODEL,
      trainingPipeline: 'model-training-pipeline',
    },
  }),
} as unknown as MlopsEntityResolver;

const noCategories = {
  categoryOf: async () => undefined,
} as unknown as ValidationErrorCategories;

interface Setup {
  knex: Knex;
  store: InMemoryObjectStore;
  sent: NotificationSendOptions[];
  replicas: ModelNotifier[];
  indexes: CatalogModelIndex[];
}

async function setUp(
  options: { annotations?: Record<string, string> } = {},
): Promise<Setup> {
  const knex = await databases.init('SQLITE_3');
  await migrateMlopsDatabase(knex);
  const store = new InMemoryObjectStore();
  const sent: NotificationSendOptions[] = [];
  const setup: Setup = { knex, store, sent, replicas: [], indexes: [] };
  for (let i = 0; i < 2; i++) {
    setup.replicas.push(await startReplica(setup, options.annotations));
  }
  return setup;
}

async function startReplica(
  { knex, store, sent, indexes }: Setup,
  annotations: Record<string, string> = {},
): Promise<ModelNotifier> {
  const logger = mockServices.logger.mock();
  const notifications: NotificationService = {
    send: async options => {
      sent.push(options);
    },
  };
  const catalog = catalogServiceMock({
    entities: [entity(annotations), pipeline],
  });
  const index = CatalogModelIndex.create({
    catalog,
    auth: mockServices.auth(),
    access: ModelAccess.create({
      catalog,
      permissions: mockServices.permissions(),
      entities: resolver,
    }),
    store,
    logger,
    refreshMs: 60_000,
  });
  index.start();
  indexes.push(index);
  const notifier = ModelNotifier.create({
    store,
    index,
    outbox: NotificationOutbox.create(knex, {
      notifications,
      logger,
      maxAttempts: 3,
      retryMs: 1000,
      leaseMs: 60_000,
      retentionMs: 3600_000,
    }),
    state: NotifierState.create(knex),
    validationCategories: noCategories,
    logger,
    settings: {
      enabled: true,
      modelsRefreshMs: 60_000,
      settleMs: 50,
      maxAttempts: 3,
      retryMs: 60_000,
      retentionMs: 3600_000,
    },
  });
  await notifier.start();
  // Its first read of the catalog done: changes from now on are handled.
  await notifier.idle();
  return notifier;
}

async function settle(setup: Setup) {
  await Promise.all(setup.replicas.map(r => r.idle()));
}

const now = () => new Date().toISOString();
const failed = () => ({
  ...condition(
    'Succeeded',
    'False',
    'Failed',
    'Tasks Completed: 1 (Failed: 1)',
  ),
  lastTransitionTime: now(),
});

function aFailedRun(name: string, completionTime = now()) {
  return aPipelineRun(name, {
    succeeded: failed(),
    tasks: ['train-model'],
    completionTime,
  });
}

const failedTask = (
  run: string,
  results?: Array<{ name: string; value: unknown }>,
) =>
  aTaskRun(run, 'train-model', {
    succeeded: condition('Succeeded', 'False', 'Failed', 'exit code 1'),
    results,
  });

describe('ModelNotifier', () => {
  let setup: Setup;
  afterEach(async () => {
    await Promise.all(setup.replicas.map(r => r.stop()));
    setup.indexes.forEach(index => index.stop());
  });

  it("tells the model's owner once that a run failed (not the ml-pipeline's), with two replicas, and not again after a restart", async () => {
    setup = await setUp();
    setup.store.add('dev', 'taskruns', failedTask('r1'));
    setup.store.change('dev', 'pipelineruns', aFailedRun('r1'));
    await settle(setup);
    expect(setup.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: REF },
        payload: expect.objectContaining({
          title: 'Anomaly detector: training run r1 failed',
          description: 'Task train-model failed (Failed): exit code 1',
          link: `/catalog/default/component/${MODEL}/training`,
          severity: 'high',
          topic: 'training-failed',
          scope: `${REF}|dev/pipelineruns/uid-r1/failed`,
        }),
      },
    ]);

    // A restarted replica lists the same run again.
    setup.replicas.push(await startReplica(setup));
    setup.store.change('dev', 'pipelineruns', aFailedRun('r1'));
    await settle(setup);
    expect(setup.sent).toHaveLength(1);
  });

  it('does not report failures from before this database first notified', async () => {
    setup = await setUp();
    setup.store.add('dev', 'taskruns', failedTask('old'));
    setup.store.change('dev', 'pipelineruns', aFailedRun('old', at(0)));
    await settle(setup);
    expect(setup.sent).toEqual([]);
  });

  it('waits for the failed TaskRun to tell a gate verdict from a failure', async () => {
    setup = await setUp();
    setup.store.change('dev', 'pipelineruns', aFailedRun('r2'));
    await settle(setup);
    expect(setup.sent).toEqual([]);
    setup.store.change(
      'dev',
      'taskruns',
      failedTask('r2', [
        { name: 'gate', value: 'not promoted: accuracy 0.81 < 0.86' },
      ]),
    );
    await settle(setup);
    expect(setup.sent.map(s => s.payload)).toEqual([
      expect.objectContaining({
        title:
          'Anomaly detector: the promotion gate blocked the candidate of run r2',
        description: 'not promoted: accuracy 0.81 < 0.86 (task train-model)',
        topic: 'gate-blocked',
      }),
    ]);
  });

  it('tells when serving stops being Ready and when it is Ready again, once each', async () => {
    setup = await setUp();
    const isvc = (status: string, time: string) =>
      anInferenceService({
        conditions: [
          {
            ...condition(
              'Ready',
              status,
              status === 'True' ? undefined : 'PredictorNotReady',
            ),
            lastTransitionTime: time,
          },
        ],
      });
    // First sight: recorded, not told.
    setup.store.change('dev', 'inferenceservices', isvc('True', at(0)));
    await settle(setup);
    expect(setup.sent).toEqual([]);

    setup.store.change('dev', 'inferenceservices', isvc('False', at(10)));
    await settle(setup);
    setup.store.change('dev', 'inferenceservices', isvc('True', at(20)));
    await settle(setup);
    expect(
      setup.sent.map(s => [
        s.payload.topic,
        s.payload.severity,
        s.payload.link,
      ]),
    ).toEqual([
      [
        'serving-unready',
        'critical',
        `/catalog/default/component/${MODEL}/health`,
      ],
      [
        'serving-recovered',
        'low',
        `/catalog/default/component/${MODEL}/health`,
      ],
    ]);
  });

  it('sends nothing for a model whose annotation turns notifications off', async () => {
    setup = await setUp({
      annotations: { 'mlops.backstage.io/notifications': 'serving-unready' },
    });
    setup.store.add('dev', 'taskruns', failedTask('r3'));
    setup.store.change('dev', 'pipelineruns', aFailedRun('r3'));
    await settle(setup);
    expect(setup.sent).toEqual([]);
  });
});
