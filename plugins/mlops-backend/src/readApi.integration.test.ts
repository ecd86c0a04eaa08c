import { devClusterAccess } from './__testUtils__/devClusterBackend';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import { CustomObjectsApi } from '@kubernetes/client-node';
import request from 'supertest';
import { mlopsPlugin } from './plugin';

// The read API end to end on the real dev cluster: the backend plugin with its real
// cluster clients and watch cache, as the least-privilege ServiceAccount, answering
// for the seeded demo models.

const NS = 'mlops-demo';

function model(name: string, extra: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'mlops.backstage.io/namespace': NS,
        'mlops.backstage.io/inference-service': name,
        'mlops.backstage.io/build-config': `${name}-notebook`,
        'mlops.backstage.io/workbench': `${name}-workbench`,
        ...extra,
      },
    },
    spec: { type: 'ml-model', owner: 'team', lifecycle: 'production' },
  };
}

let cluster: DevCluster;

async function startBackend(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      devClusterAccess(cluster),
      mockServices.rootConfig.factory({ data: {} }),
      mockServices.permissions.factory({ result }),
      catalogServiceMock.factory({
        entities: [
          model('anomaly-detector'),
          model('predictive-analytics'),
          model('forecast-capacity'),
          model('no-pipeline', {
            'mlops.backstage.io/training-pipeline': 'no-such-pipeline',
          }),
        ],
      }),
    ],
  });
  return server;
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
});

describe('read API on the dev cluster', () => {
  it('answers the Training tab of a seeded model from the cache', async () => {
    const server = await startBackend();
    const res = await waitFor(async () => {
      const r = await request(server).get(
        '/api/mlops/entity/component/default/anomaly-detector/training',
      );
      return r.status === 200 && r.body.freshness[0]?.state === 'fresh'
        ? r
        : undefined;
    }, 30_000);
    expect(res.body.pipelineRuns.totalItems).toBeGreaterThanOrEqual(16);
    // Other suites share this cluster and may add runs without a trigger
    // label, so look at the seeded history: every seeded trigger is recognised.
    type Run = { status: string; trigger: { type: string }; taskRuns: [] };
    const runs: Run[] = res.body.pipelineRuns.items;
    const run = runs.find(
      r => r.status === 'Succeeded' && r.trigger.type !== 'unknown',
    );
    expect(run?.taskRuns.length).toBeGreaterThan(0);
    expect(runs.map(r => r.trigger.type)).toEqual(
      expect.arrayContaining(['cron', 'alert', 'user']),
    );
    expect(res.body.builds.items[0].buildConfig).toBe(
      'anomaly-detector-notebook',
    );
    expect(res.body.validationJobs.totalItems).toBeGreaterThan(0);
  });

  it('shows a failed validation with dependency_install_failed, and a model that failed to load', async () => {
    const server = await startBackend();
    const training = await request(server).get(
      '/api/mlops/entity/component/default/forecast-capacity/training',
    );
    expect(training.status).toBe(200);
    expect(
      training.body.validationJobs.items.map(
        (j: { errorCategory?: string }) => j.errorCategory,
      ),
    ).toContain('dependency_install_failed');
    const health = await request(server).get(
      '/api/mlops/entity/component/default/predictive-analytics/health',
    );
    expect(health.status).toBe(200);
    // KServe records a failed load in the target state; nothing ever loaded.
    expect(health.body.inferenceServices[0].modelState).toMatchObject({
      state: 'FailedToLoad',
      active: '',
      target: 'FailedToLoad',
      transitionStatus: 'BlockedByFailedLoad',
      loadFailure: {
        reason: 'ModelLoadFailed',
        message: expect.stringContaining('ModelMissingError'),
      },
    });
  });

  it('reflects a change on the cluster in the next answer within a second', async () => {
    const server = await startBackend();
    await waitFor(async () => {
      const r = await request(server).get(
        '/api/mlops/entity/component/default/anomaly-detector/health',
      );
      return r.status === 200 && r.body.freshness[0]?.state === 'fresh'
        ? r
        : undefined;
    }, 30_000);
    const admin = cluster.kubeConfig('admin').makeApiClient(CustomObjectsApi);
    const stamp = `it-${Date.now()}`;
    await admin.createNamespacedCustomObject({
      group: 'tekton.dev',
      version: 'v1',
      namespace: NS,
      plural: 'pipelineruns',
      body: {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          name: stamp,
          labels: {
            'model-name': 'anomaly-detector',
            'sim.mlops.dev/skip': 'true',
          },
        },
        spec: { pipelineRef: { name: 'model-training-pipeline' } },
      },
    });
    // The new run must be in an answer within a second of the create returning.
    const seen = await waitFor(async () => {
      const r = await request(server).get(
        '/api/mlops/entity/component/default/anomaly-detector/training?limit=200',
      );
      return r.body.pipelineRuns.items.some(
        (x: { name: string }) => x.name === stamp,
      )
        ? r
        : undefined;
    }, 1000);
    expect(seen.status).toBe(200);
    await admin.deleteNamespacedCustomObject({
      group: 'tekton.dev',
      version: 'v1',
      namespace: NS,
      plural: 'pipelineruns',
      name: stamp,
    });
  });

  it('summarizes the seeded models in one request', async () => {
    const server = await startBackend();
    const res = await request(server)
      .post('/api/mlops/summary')
      .send({
        entityRefs: [
          'component:default/anomaly-detector',
          'component:default/predictive-analytics',
          'component:default/forecast-capacity',
        ],
      });
    expect(res.status).toBe(200);
    const [healthy, failing, dependency] = res.body.items;
    expect(healthy.serving.ready).toBe('True');
    expect(failing.serving.modelState.state).toBe('FailedToLoad');
    expect(dependency.lastValidation.errorCategory).toBe(
      'dependency_install_failed',
    );
  });

  it("lists the training Pipeline's declared params, with the ones that have no default marked required", async () => {
    const server = await startBackend();
    const res = await waitFor(async () => {
      const r = await request(server).get(
        '/api/mlops/entity/component/default/anomaly-detector/training/pipeline-params',
      );
      return r.status === 200 ? r : undefined;
    }, 30_000);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/anomaly-detector',
      cluster: 'dev',
      namespace: NS,
      pipeline: 'model-training-pipeline',
    });
    type Param = { name: string; required: boolean };
    const params: Param[] = res.body.params;
    expect(params.map(p => p.name)).toEqual([
      'model-name',
      'notebook-path',
      'data-source',
      'training-hours',
      'inference-service-name',
      'health-check-enabled',
      'git-url',
      'git-ref',
    ]);
    expect(params.filter(p => p.required).map(p => p.name)).toEqual([
      'notebook-path',
      'git-url',
    ]);
    expect(params.find(p => p.name === 'notebook-path')).toEqual({
      name: 'notebook-path',
      type: 'string',
      description: 'Training notebook path in the git repository',
      required: true,
    });
    expect(params.find(p => p.name === 'model-name')).toMatchObject({
      fromModel: 'anomaly-detector',
      required: false,
    });
    expect(params.find(p => p.name === 'git-ref')).toMatchObject({
      default: 'main',
      required: false,
    });
  });

  it('says which Pipeline is missing when the training pipeline does not exist', async () => {
    const server = await startBackend();
    const res = await request(server).get(
      '/api/mlops/entity/component/default/no-pipeline/training/pipeline-params',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /^Pipeline no-such-pipeline \(the training pipeline of component:default\/no-pipeline\) was not found in namespace mlops-demo on cluster dev$/,
    );
  });

  it('refuses a caller without read access to the entity', async () => {
    const server = await startBackend(AuthorizeResult.DENY);
    const res = await request(server).get(
      '/api/mlops/entity/component/default/anomaly-detector/training',
    );
    expect(res.status).toBe(403);
    const params = await request(server).get(
      '/api/mlops/entity/component/default/anomaly-detector/training/pipeline-params',
    );
    expect(params.status).toBe(403);
  });
});
