import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsObjectStoreServiceRef } from '@backstage-mlops/plugin-mlops-node';
import request from 'supertest';
import {
  aBuild,
  anInferenceService,
  aPipelineRun,
  aTaskRun,
  aValidationJob,
  aWorkbench,
  at,
  condition,
  terminatedStep,
} from '../mappers/testFixtures';
import { mlopsPlugin } from '../plugin';
import { InMemoryObjectStore } from '../testing/InMemoryObjectStore';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
  mockMlopsClusterAccessServiceFactory,
} from '@backstage-mlops/plugin-mlops-node/testUtils';

// The read routes through the real backend (auth, permissions, catalog, error
// handler), with the watch cache replaced by an in-memory store the test fills.

const NS = 'mlops-demo';

function component(
  name: string,
  annotations: Record<string, string>,
  type = 'ml-model',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type, owner: 'team-a', lifecycle: 'production' },
  };
}

const anomalyDetector = component('anomaly-detector', {
  'mlops.backstage.io/namespace': NS,
  'mlops.backstage.io/cluster': 'dev',
  'mlops.backstage.io/inference-service': 'anomaly-detector',
  'mlops.backstage.io/build-config': 'anomaly-detector-notebook',
  'mlops.backstage.io/workbench': 'anomaly-detector-workbench',
});
const prodModel = component('fraud-scorer', {
  'mlops.backstage.io/namespace': 'fraud',
  'mlops.backstage.io/cluster': 'prod',
});
const unannotated = component('no-annotations', {});
const badCluster = component('bad-cluster', {
  'mlops.backstage.io/namespace': NS,
  'mlops.backstage.io/cluster': 'staging',
});
const pipeline: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'mlops-demo-model-training-pipeline',
    namespace: 'default',
    annotations: {
      'mlops.backstage.io/namespace': NS,
      'mlops.backstage.io/cluster': 'dev',
      'mlops.backstage.io/training-pipeline': 'model-training-pipeline',
    },
  },
  spec: { type: 'ml-pipeline', owner: 'team-a' },
};

const succeeded = condition('Succeeded', 'True', 'Succeeded');
const failed = condition(
  'Succeeded',
  'False',
  'Failed',
  'Tasks Completed: 1 (Failed: 1)',
);

function filledStore() {
  return new InMemoryObjectStore(['dev', 'prod'])
    .add(
      'dev',
      'pipelineruns',
      aPipelineRun('train-1', {
        createdAt: at(0),
        succeeded,
        startTime: at(1),
        completionTime: at(301),
        tasks: ['train-model', 'health-check'],
      }),
      aPipelineRun('train-2', {
        createdAt: at(1000),
        succeeded: failed,
        startTime: at(1001),
        completionTime: at(1100),
      }),
      aPipelineRun('train-3', {
        createdAt: at(2000),
        startTime: at(2001),
        succeeded: condition('Succeeded', 'Unknown', 'Running'),
      }),
      // A run of the training pipeline without the label, found by its model-name param.
      aPipelineRun('retrain-drift-1', {
        createdAt: at(3000),
        labels: { 'model-name': '' },
      }),
      // Another model's run on the same pipeline: never shown for anomaly-detector.
      aPipelineRun('train-other-1', {
        createdAt: at(4000),
        labels: { 'model-name': 'predictive-analytics' },
        params: [{ name: 'model-name', value: 'predictive-analytics' }],
      }),
    )
    .add(
      'dev',
      'taskruns',
      aTaskRun('train-1', 'train-model', {
        succeeded: condition('Succeeded', 'True', 'Succeeded'),
        steps: [terminatedStep('create-validation-job', 0, 'Completed')],
      }),
      aTaskRun('train-1', 'health-check', {
        succeeded: condition('Succeeded', 'True', 'Succeeded'),
        completionTime: at(300),
        results: [{ name: 'prediction-check', value: 'passed' }],
      }),
    )
    .add(
      'dev',
      'notebookvalidationjobs',
      aValidationJob('validate-1', {
        phase: 'Failed',
        conditions: [
          condition('ValidationComplete', 'False', 'DependencyInstallFailed'),
        ],
      }),
    )
    .add(
      'dev',
      'builds',
      aBuild('anomaly-detector-notebook', 1, { phase: 'Complete' }),
    )
    .add(
      'dev',
      'inferenceservices',
      anInferenceService({
        conditions: [condition('Ready', 'False', 'ModelLoadFailed')],
        modelStatus: {
          states: {
            activeModelState: 'FailedToLoad',
            targetModelState: 'Loaded',
          },
          lastFailureInfo: {
            reason: 'ModelLoadFailed',
            message: 'model.pkl is corrupt',
          },
        },
      }),
    )
    .add('dev', 'notebooks', aWorkbench(undefined, { stopped: at(5) }));
}

async function startBackend(
  store: InMemoryObjectStore,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  enforce?: 'off' | 'mutations' | 'reads-and-mutations',
) {
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      mockMlopsClusterAccessServiceFactory(
        mockMlopsClusterAccess([
          mockClusterDetails('dev', 'https://127.0.0.1:1'),
          mockClusterDetails('prod', 'https://127.0.0.1:2'),
        ]),
      ),
      mockServices.rootConfig.factory({
        data: enforce ? { mlops: { namespaceOwnership: { enforce } } } : {},
      }),
      mockServices.permissions.factory({ result: permission }),
      catalogServiceMock.factory({
        entities: [
          anomalyDetector,
          prodModel,
          unannotated,
          badCluster,
          pipeline,
        ],
      }),
      createServiceFactory({
        service: mlopsObjectStoreServiceRef,
        deps: {},
        factory: () => store,
      }),
    ],
  });
  return server;
}

const training =
  '/api/mlops/entity/component/default/anomaly-detector/training';
const health = '/api/mlops/entity/component/default/anomaly-detector/health';
const diagnosis = `${health}/diagnosis`;

describe('GET /entity/:kind/:namespace/:name/training', () => {
  it('answers the runs of the model, newest first, with TaskRuns, validation jobs and builds', async () => {
    const store = filledStore();
    const res = await request(await startBackend(store)).get(training);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/anomaly-detector',
      cluster: 'dev',
      namespace: NS,
      modelName: 'anomaly-detector',
      trainingPipeline: 'model-training-pipeline',
      freshness: [
        { cluster: 'dev', state: 'fresh', syncedAt: '2026-05-01T12:00:00Z' },
      ],
      notInstalled: [],
    });
    const runs = res.body.pipelineRuns;
    expect(runs.items.map((r: { name: string }) => r.name)).toEqual([
      'retrain-drift-1',
      'train-3',
      'train-2',
      'train-1',
    ]);
    expect(runs.totalItems).toBe(4);
    expect(runs.items.map((r: { status: string }) => r.status)).toEqual([
      'Pending',
      'Running',
      'Failed',
      'Succeeded',
    ]);
    const train1 = runs.items[3];
    expect(train1.durationSeconds).toBe(300);
    expect(
      train1.taskRuns.map((t: { pipelineTask: string }) => t.pipelineTask),
    ).toEqual(['train-model', 'health-check']);
    expect(res.body.validationJobs.items[0]).toMatchObject({
      name: 'validate-1',
      status: 'Failed',
      errorCategory: 'dependency_install_failed',
    });
    expect(res.body.builds.items[0]).toMatchObject({
      name: 'anomaly-detector-notebook-1',
      phase: 'Complete',
    });
  });

  it('only ever asks for objects of the namespace the entity names', async () => {
    const store = filledStore();
    await request(await startBackend(store)).get(training);
    expect(store.queries.length).toBeGreaterThan(0);
    for (const query of store.queries) {
      expect(query).toMatchObject({ cluster: 'dev', namespace: NS });
    }
  });

  it('paginates with a cursor and filters by status', async () => {
    const server = await startBackend(filledStore());
    const first = await request(server).get(`${training}?limit=2`);
    expect(
      first.body.pipelineRuns.items.map((r: { name: string }) => r.name),
    ).toEqual(['retrain-drift-1', 'train-3']);
    const second = await request(server).get(
      `${training}?limit=2&cursor=${encodeURIComponent(
        first.body.pipelineRuns.nextCursor,
      )}`,
    );
    expect(
      second.body.pipelineRuns.items.map((r: { name: string }) => r.name),
    ).toEqual(['train-2', 'train-1']);
    expect(second.body.pipelineRuns.nextCursor).toBeUndefined();
    const failedOnly = await request(server).get(
      `${training}?status=failed,succeeded`,
    );
    expect(
      failedOnly.body.pipelineRuns.items.map((r: { name: string }) => r.name),
    ).toEqual(['train-2', 'train-1']);
  });

  it('says how fresh the data is while the cluster is unreachable', async () => {
    const store = filledStore().setFreshness('dev', 'pipelineruns', {
      state: 'stale',
      syncedAt: '2026-05-01T11:58:00Z',
      staleSince: '2026-05-01T11:58:30Z',
      reason: 'cluster dev: connect ECONNREFUSED',
    });
    const res = await request(await startBackend(store)).get(training);
    expect(res.status).toBe(200);
    expect(res.body.freshness).toEqual([
      {
        cluster: 'dev',
        state: 'stale',
        syncedAt: '2026-05-01T11:58:00Z',
        staleSince: '2026-05-01T11:58:30Z',
        message: 'cluster dev: connect ECONNREFUSED',
      },
    ]);
    expect(res.body.pipelineRuns.totalItems).toBe(4);
  });

  it('reports kinds the cluster does not serve as not installed, not as errors', async () => {
    const store = filledStore().setFreshness('dev', 'builds', {
      state: 'not-installed',
      reason: 'build.openshift.io/v1 builds is not served by cluster dev',
    });
    const res = await request(await startBackend(store)).get(training);
    expect(res.status).toBe(200);
    expect(res.body.notInstalled).toEqual([
      {
        cluster: 'dev',
        apiVersion: 'build.openshift.io/v1',
        resource: 'builds',
        message: 'build.openshift.io/v1 builds is not served by cluster dev',
      },
    ]);
  });

  it('answers runs of the pipeline for an ml-pipeline entity', async () => {
    const res = await request(await startBackend(filledStore())).get(
      '/api/mlops/entity/resource/default/mlops-demo-model-training-pipeline/training',
    );
    expect(res.status).toBe(200);
    expect(res.body.pipelineRuns.totalItems).toBe(5);
    expect(res.body.validationJobs.totalItems).toBe(0);
  });
});

describe('GET /entity/:kind/:namespace/:name/health', () => {
  it('answers the InferenceService, the health checks of training runs and the workbench', async () => {
    const res = await request(await startBackend(filledStore())).get(health);
    expect(res.status).toBe(200);
    expect(res.body.inferenceServices).toHaveLength(1);
    expect(res.body.inferenceServices[0]).toMatchObject({
      name: 'anomaly-detector',
      ready: 'False',
      modelState: {
        active: 'FailedToLoad',
        lastFailure: {
          reason: 'ModelLoadFailed',
          message: 'model.pkl is corrupt',
        },
      },
    });
    expect(res.body.healthChecks).toEqual([
      expect.objectContaining({
        pipelineRun: 'train-1',
        task: 'health-check',
        status: 'Succeeded',
        results: [{ name: 'prediction-check', value: 'passed' }],
      }),
    ]);
    expect(res.body.workbench).toMatchObject({
      name: 'anomaly-detector-workbench',
      state: 'Stopped',
    });
  });
});

describe('GET /entity/:kind/:namespace/:name/health/diagnosis', () => {
  const podMeta = (name: string, namespace = NS) => ({
    name,
    namespace,
    uid: `uid-${name}`,
    resourceVersion: '1',
    labels: {
      'serving.kserve.io/inferenceservice': 'anomaly-detector',
      component: 'predictor',
    },
  });
  const backOff = (pod: string, namespace = NS) => ({
    metadata: {
      name: `${pod}.1`,
      namespace,
      uid: `uid-${pod}.1`,
      resourceVersion: '1',
    },
    involvedObject: {
      kind: 'Pod',
      name: pod,
      fieldPath: 'spec.containers{kserve-container}',
    },
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting failed container kserve-container',
    count: 4,
    lastTimestamp: at(9),
  });

  it("answers the progress, the service's and its pods' Events and the pods, of the entity's namespace only", async () => {
    const store = filledStore()
      .add('dev', 'pods', {
        metadata: podMeta('anomaly-detector-predictor-abc'),
        spec: { containers: ['kserve-container'] },
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'kserve-container',
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error' } },
            },
          ],
        },
      })
      // The same names in another namespace are not the entity's.
      .add('dev', 'pods', {
        metadata: podMeta('anomaly-detector-predictor-abc', 'other'),
        spec: { containers: ['kserve-container'] },
      })
      .add(
        'dev',
        'events',
        backOff('anomaly-detector-predictor-abc'),
        backOff('anomaly-detector-predictor-abc', 'other'),
        // An event of an unrelated pod of the namespace.
        { ...backOff('someone-else'), reason: 'Killing' },
      );
    store.add(
      'dev',
      'pipelineruns',
      aPipelineRun('retrain-drift-1', {
        createdAt: at(8),
        labels: { 'triggered-by': 'drift-alert' },
      }),
    );
    const res = await request(await startBackend(store)).get(diagnosis);
    expect(res.status).toBe(200);
    expect(res.body.inferenceService).toBe('anomaly-detector');
    // The newest run a drift alert started: when the alert fired, and the run.
    expect(res.body.drift).toEqual({
      firedAt: at(8),
      via: 'drift-alert',
      run: { name: 'retrain-drift-1', status: expect.any(String) },
    });
    expect(res.body.pods).toEqual([
      expect.objectContaining({
        name: 'anomaly-detector-predictor-abc',
        restarts: 4,
        reason: 'CrashLoopBackOff',
        lastTermination: { exitCode: 1, reason: 'Error' },
      }),
    ]);
    expect(res.body.events).toEqual([
      expect.objectContaining({
        reason: 'BackOff',
        count: 4,
        object: {
          kind: 'Pod',
          name: 'anomaly-detector-predictor-abc',
          container: 'kserve-container',
        },
      }),
    ]);
    expect(res.body.progress.map((s: { state: string }) => s.state)).toContain(
      'failed',
    );
    expect(
      store.queries
        .filter(q => q.kind === 'pods' || q.kind === 'events')
        .map(q => q.namespace),
    ).toEqual([NS, NS]);
  });
});

describe('errors name what is wrong', () => {
  it.each([
    {
      problem: 'unknown entity',
      path: '/api/mlops/entity/component/default/nope/training',
      status: 404,
      name: 'NotFoundError',
      message: /no entity component:default\/nope/,
    },
    {
      problem: 'no annotations',
      path: '/api/mlops/entity/component/default/no-annotations/training',
      status: 400,
      name: 'InputError',
      message: /annotation mlops.backstage.io\/namespace is missing/,
    },
    {
      problem: 'unconfigured cluster',
      path: '/api/mlops/entity/component/default/bad-cluster/health',
      status: 400,
      name: 'InputError',
      message:
        /annotation mlops.backstage.io\/cluster: cluster "staging" is not located by the Kubernetes plugin/,
    },
    {
      problem: 'bad query',
      path: `${training}?limit=0`,
      status: 400,
      name: 'InputError',
      message: /^invalid query: limit must be/,
    },
    {
      problem: 'bad cursor',
      path: `${training}?cursor=garbage`,
      status: 400,
      name: 'InputError',
      message: /cursor is not valid/,
    },
  ])('$problem → $status', async ({ path, status, name, message }) => {
    const res = await request(await startBackend(filledStore())).get(path);
    expect(res.status).toBe(status);
    expect(res.body.error.name).toBe(name);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 503 naming the cluster when it is unreachable and nothing is cached', async () => {
    const res = await request(
      await startBackend(filledStore().setUnreachable('prod')),
    ).get('/api/mlops/entity/component/default/fraud-scorer/training');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain('cluster prod');
  });
});

describe('permissions', () => {
  it.each([training, health, diagnosis])(
    '%s requires catalog read access to the entity',
    async path => {
      const store = filledStore();
      const denied = await request(
        await startBackend(store, AuthorizeResult.DENY),
      ).get(path);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
      expect(store.queries).toEqual([]);
      const allowed = await request(await startBackend(filledStore())).get(
        path,
      );
      expect(allowed.status).toBe(200);
    },
  );

  it.each([
    ['get', training],
    ['get', health],
    ['get', diagnosis],
    ['post', '/api/mlops/summary'],
  ] as const)('%s %s refuses unauthenticated callers', async (method, path) => {
    const res = await request(await startBackend(filledStore()))
      [method](path)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});

describe('namespace ownership', () => {
  const ALLOWED = 'mlops.backstage.io/allowed-owners';

  it('refuses every read of an entity its namespace does not allow with reads-and-mutations, naming the namespace and the annotation', async () => {
    const store = filledStore().addNamespace('dev', NS, {
      [ALLOWED]: 'group:default/team-b',
    });
    const server = await startBackend(
      store,
      AuthorizeResult.ALLOW,
      'reads-and-mutations',
    );
    for (const path of [training, `${training}/pipeline-params`, health]) {
      const res = await request(server).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          `component:default/anomaly-detector may not read the objects of namespace ${NS} on cluster dev: the namespace does not allow its owner group:default/team-a (its ${ALLOWED} annotation is "group:default/team-b")`,
        ),
        mlopsNamespaceRefusal: {
          cluster: 'dev',
          namespace: NS,
          owner: 'group:default/team-a',
          annotation: ALLOWED,
          use: 'read',
        },
      });
    }
    // Only Namespaces were read (by the three reads, and by the live updates' index of
    // entities at startup): none of the namespace's objects.
    expect(new Set(store.queries.map(q => q.kind))).toEqual(
      new Set(['namespaces']),
    );
    expect(store.queries.length).toBeGreaterThanOrEqual(3);
    const summary = await request(server)
      .post('/api/mlops/summary')
      .send({ entityRefs: ['component:default/anomaly-detector'] });
    expect(summary.body.items[0].problem).toContain(
      `may not read the objects of namespace ${NS}`,
    );
  });

  it("answers once the namespace's annotation allows the owner", async () => {
    const store = filledStore().addNamespace('dev', NS, {
      [ALLOWED]: 'team-b, group:default/team-a',
    });
    const server = await startBackend(
      store,
      AuthorizeResult.ALLOW,
      'reads-and-mutations',
    );
    expect((await request(server).get(training)).status).toBe(200);
    expect((await request(server).get(health)).status).toBe(200);
  });

  it('lets reads through by default (mutations only), without reading the Namespace', async () => {
    const store = filledStore();
    const res = await request(await startBackend(store)).get(training);
    expect(res.status).toBe(200);
    expect(store.queries.some(q => q.kind === 'namespaces')).toBe(false);
  });
});

describe('POST /summary', () => {
  const refs = [
    'component:default/anomaly-detector',
    'component:default/no-annotations',
    'component:default/does-not-exist',
  ];

  it('summarizes many models in one answer, each with its own problem', async () => {
    const res = await request(await startBackend(filledStore()))
      .post('/api/mlops/summary')
      .send({ entityRefs: refs });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/anomaly-detector',
        lastTraining: expect.objectContaining({
          name: 'train-3',
          status: 'Running',
        }),
        serving: expect.objectContaining({
          name: 'anomaly-detector',
          ready: 'False',
        }),
        lastBuild: expect.objectContaining({ phase: 'Complete' }),
        lastValidation: expect.objectContaining({
          errorCategory: 'dependency_install_failed',
        }),
      }),
      {
        entityRef: 'component:default/no-annotations',
        problem: expect.stringContaining(
          'mlops.backstage.io/namespace is missing',
        ),
      },
      {
        entityRef: 'component:default/does-not-exist',
        problem: 'not found in the catalog, or not visible to you',
      },
    ]);
  });

  it('hides entities the caller may not read exactly like missing ones', async () => {
    const res = await request(
      await startBackend(filledStore(), AuthorizeResult.DENY),
    )
      .post('/api/mlops/summary')
      .send({ entityRefs: refs.slice(0, 1) });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        entityRef: 'component:default/anomaly-detector',
        problem: 'not found in the catalog, or not visible to you',
      },
    ]);
  });

  it('answers 503 with the other clusters’ results when one cluster is unreachable', async () => {
    const res = await request(
      await startBackend(filledStore().setUnreachable('prod')),
    )
      .post('/api/mlops/summary')
      .send({
        entityRefs: [
          'component:default/anomaly-detector',
          'component:default/fraud-scorer',
        ],
      });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('cluster prod could not be reached'),
    });
    expect(res.body.items[0].lastTraining.name).toBe('train-3');
    expect(res.body.items[1]).toMatchObject({
      entityRef: 'component:default/fraud-scorer',
      cluster: 'prod',
      problem: expect.stringContaining('cluster prod'),
    });
    expect(res.body.freshness).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cluster: 'prod', state: 'stale' }),
      ]),
    );
  });

  it('rejects a body that is not a list of entity refs, naming the field', async () => {
    const res = await request(await startBackend(filledStore()))
      .post('/api/mlops/summary')
      .send({ entityRefs: ['component:default/ok', 42] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^invalid request body: entityRefs\[1\]/,
    );
  });
});
