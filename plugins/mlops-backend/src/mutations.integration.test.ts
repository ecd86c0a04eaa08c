import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devClusterAccess } from './__testUtils__/devClusterBackend';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import type { Knex } from 'knex';
import request from 'supertest';
import { mlopsPlugin } from './plugin';
import {
  MutationsClusterFixture,
  GVR,
  type KubeObject,
} from './__testUtils__/mutationsClusterFixture';

// The mutation routes end to end on a dev cluster: a real backend (real cluster clients
// as the least-privilege ServiceAccount, real database), acting on a model of this
// suite's own namespace, with the simulated controllers playing the effects. The suite
// starts a cluster of its own that simulates everything (no execution): its copies of
// the demo's recorded objects have no source repository or model the cluster could
// run. Everything is looked up by the names this suite created, in its namespace.

const MODEL = 'mutations-model';
const NS = `mlops-mutations-it-${Date.now().toString(36)}`;
const ENTITY = `/api/mlops/entity/component/default/${MODEL}`;
const MUTATIONS = `${ENTITY}/mutations`;
const NOTEBOOK = 'notebooks/02-anomaly-detection/01-isolation-forest.ipynb';
const GIT_URL = 'https://github.com/KubeHeal/openshift-aiops-platform.git';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: MODEL,
    namespace: 'default',
    annotations: {
      'mlops.backstage.io/namespace': NS,
      'mlops.backstage.io/inference-service': MODEL,
      'mlops.backstage.io/build-config': `${MODEL}-notebook`,
      'mlops.backstage.io/workbench': `${MODEL}-workbench`,
    },
  },
  spec: { type: 'ml-model', owner: 'team', lifecycle: 'production' },
};

let cluster: DevCluster;
let fixture: MutationsClusterFixture;

type Policy = 'allow' | 'read-only';

async function startBackend(
  options: {
    policy?: Policy;
    knex?: Knex;
    token?: string;
    auditor?: AuditorService;
  } = {},
) {
  const features = [
    mlopsPlugin,
    devClusterAccess(cluster, { token: options.token }),
    mockServices.rootConfig.factory({
      data: options.token
        ? {
            mlops: {
              clusters: [
                {
                  name: 'dev',
                  // An identity that may not read Namespaces needs the config's word
                  // on who may use the suite's namespace (its annotation cannot be read).
                  allowedOwners: { [NS]: ['group:default/team'] },
                },
              ],
            },
          }
        : {},
    }),
    options.policy === 'read-only'
      ? mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                r.permission.name === 'catalog.entity.read'
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            })) as never,
        }).factory
      : mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    catalogServiceMock.factory({ entities: [entity] }),
    ...(options.knex
      ? [mockServices.database.factory({ knex: options.knex })]
      : []),
    ...(options.auditor
      ? [mockServices.auditor.mock(options.auditor).factory]
      : []),
  ];
  const { server } = await startTestBackend({ features });
  return server;
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 200));
  }
}

function succeeded(run: KubeObject) {
  return run.status?.conditions?.find(
    (c: { type: string }) => c.type === 'Succeeded',
  );
}

async function runs(): Promise<KubeObject[]> {
  return fixture.list(GVR.pipelineruns, `model-name=${MODEL}`);
}

beforeAll(async () => {
  cluster = await DevCluster.start({
    stateDir: mkdtempSync(join(tmpdir(), 'mlops-mutations-simulated-')),
    demoNamespaces: true,
    simStep: '200ms',
    execute: false,
  });
  await cluster.seed();
  // The suite's namespace allows the entity's owner, so the mutations may act there.
  fixture = new MutationsClusterFixture(
    cluster,
    NS,
    MODEL,
    'group:default/team',
  );
  await fixture.setUp();
}, 120_000);

afterAll(async () => {
  await fixture?.tearDown();
  await cluster?.stop();
});

describe('run training', () => {
  it('creates a v1 PipelineRun with the params and labels, which the simulated controller completes', async () => {
    const server = await startBackend();
    const res = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .send({
        params: {
          'notebook-path': NOTEBOOK,
          'git-url': GIT_URL,
          'data-source': 'synthetic',
        },
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      action: 'run-training',
      entityRef: `component:default/${MODEL}`,
      object: { kind: 'PipelineRun', namespace: NS },
      dryRun: false,
      changed: true,
    });
    const name: string = res.body.object.name;
    expect(name).toMatch(new RegExp(`^train-${MODEL}-[a-z0-9]{5}$`));

    const run = await fixture.get(GVR.pipelineruns, name);
    expect(run.apiVersion).toBe('tekton.dev/v1');
    expect(run.metadata.labels).toMatchObject({
      'model-name': MODEL,
      'triggered-by': 'user',
    });
    expect(run.metadata.annotations).toMatchObject({
      'mlops.backstage.io/triggered-by': 'user:default/mock',
    });
    expect(run.spec).toMatchObject({
      pipelineRef: { name: 'model-training-pipeline' },
      workspaces: [
        {
          name: 'model-storage',
          persistentVolumeClaim: { claimName: 'model-storage-pvc' },
        },
      ],
      taskRunTemplate: { serviceAccountName: 'pipeline' },
      timeouts: { pipeline: '1h0m0s' },
    });
    const params = Object.fromEntries(
      run.spec!.params.map((p: { name: string; value: string }) => [
        p.name,
        p.value,
      ]),
    );
    expect(params).toMatchObject({
      'model-name': MODEL,
      'notebook-path': NOTEBOOK,
      'git-url': GIT_URL,
      'data-source': 'synthetic',
      'inference-service-name': MODEL,
      'health-check-enabled': 'true',
    });

    // The read API (watch cache) shows it, triggered by the user, then finished.
    const seen = await waitFor(async () => {
      const r = await request(server).get(`${ENTITY}/training?limit=200`);
      const item = r.body.pipelineRuns?.items.find(
        (x: { name: string }) => x.name === name,
      );
      return item?.status === 'Succeeded' ? item : undefined;
    }, 90_000);
    expect(seen.trigger).toEqual({ type: 'user', detail: 'user:default/mock' });
  });

  it('refuses params the Pipeline does not allow, naming each', async () => {
    const server = await startBackend();
    const before = (await runs()).length;
    const res = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .send({ params: { 'data-source': 's3', colour: 'blue' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'params.data-source must be one of synthetic, prometheus, hybrid',
    );
    expect(res.body.error.message).toContain(
      'params.colour is not a param of Pipeline model-training-pipeline',
    );
    const body = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .send({ dryrun: true });
    expect(body.status).toBe(400);
    expect(body.body.error.message).toBe(
      'invalid request body: unknown field(s): dryrun',
    );
    expect((await runs()).length).toBe(before);
  });

  it('returns the first run for a repeated Idempotency-Key, across two backends sharing one database', async () => {
    const knex = await databases.init('SQLITE_3');
    const first = await startBackend({ knex });
    const second = await startBackend({ knex });
    const before = (await runs()).length;
    const key = `it-${Date.now()}`;
    const send = (server: typeof first) =>
      request(server)
        .post(`${MUTATIONS}/run-training`)
        .set('Idempotency-Key', key)
        .send({ params: { 'notebook-path': NOTEBOOK, 'git-url': GIT_URL } });

    const answers = await Promise.all([
      send(first),
      send(second),
      send(first),
      send(second),
    ]);
    expect(answers.map(a => a.status)).toEqual([201, 201, 201, 201]);
    const names = new Set(answers.map(a => a.body.object.name));
    expect(names.size).toBe(1);
    expect(
      answers.filter(a => a.headers['idempotent-replayed'] === 'true'),
    ).toHaveLength(3);
    const after = await runs();
    expect(after.length).toBe(before + 1);
    expect(after.map(r => r.metadata.name)).toContain([...names][0]);

    // A later retry still gets the same answer; the key with another body is refused.
    const retry = await send(second);
    expect(retry.body.object.name).toBe([...names][0]);
    const other = await request(first)
      .post(`${MUTATIONS}/run-training`)
      .set('Idempotency-Key', key)
      .send({
        params: {
          'notebook-path': NOTEBOOK,
          'git-url': GIT_URL,
          'data-source': 'hybrid',
        },
      });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain(
      'was already used for a different run-training request',
    );
    expect((await runs()).length).toBe(before + 1);
  });
});

describe('rerun and cancel', () => {
  it('reruns a run with an edited param, then cancels the new run while it runs', async () => {
    const server = await startBackend();
    const original = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .send({ params: { 'notebook-path': NOTEBOOK, 'git-url': GIT_URL } });
    expect(original.status).toBe(201);
    const rerun = await request(server)
      .post(`${MUTATIONS}/runs/${original.body.object.name}/rerun`)
      .send({ params: { 'data-source': 'prometheus' } });
    expect(rerun.status).toBe(201);
    const run = await fixture.get(GVR.pipelineruns, rerun.body.object.name);
    expect(run.metadata.annotations).toMatchObject({
      'mlops.backstage.io/rerun-of': original.body.object.name,
    });
    expect(run.spec!.params).toEqual(
      expect.arrayContaining([
        { name: 'notebook-path', value: NOTEBOOK },
        { name: 'data-source', value: 'prometheus' },
      ]),
    );

    const cancel = await request(server)
      .post(`${MUTATIONS}/runs/${rerun.body.object.name}/cancel`)
      .send({});
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({
      action: 'cancel-training',
      changed: true,
    });
    const cancelled = await waitFor(async () => {
      const r = await fixture.get(GVR.pipelineruns, rerun.body.object.name);
      return succeeded(r)?.status === 'False' ? r : undefined;
    });
    expect(cancelled.spec!.status).toBe('Cancelled');
    expect(succeeded(cancelled).reason).toBe('Cancelled');

    const again = await request(server)
      .post(`${MUTATIONS}/runs/${rerun.body.object.name}/cancel`)
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(
      'has already finished (Cancelled); only a running run can be cancelled',
    );
  });

  it('does not touch a run of another model', async () => {
    const server = await startBackend();
    const name = `other-model-run-${Date.now()}`;
    await fixture.objects.createNamespacedCustomObject({
      ...GVR.pipelineruns,
      namespace: NS,
      body: {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          name,
          labels: { 'model-name': 'other-model', 'sim.mlops.dev/skip': 'true' },
        },
        spec: { pipelineRef: { name: 'model-training-pipeline' } },
      },
    });
    const res = await request(server)
      .post(`${MUTATIONS}/runs/${name}/cancel`)
      .send({});
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(`is not one of model ${MODEL}`);
    const run = await fixture.get(GVR.pipelineruns, name);
    expect(run.spec).not.toHaveProperty('status');
  });
});

describe('build, notebook validation, serving and workbench', () => {
  it('starts a build of the BuildConfig, which completes', async () => {
    const server = await startBackend();
    const res = await request(server).post(`${MUTATIONS}/start-build`).send({});
    expect(res.status).toBe(201);
    expect(res.body.object.name).toMatch(
      new RegExp(`^${MODEL}-notebook-\\d+$`),
    );
    const build = await waitFor(async () => {
      const b = await fixture.get(GVR.builds, res.body.object.name);
      return b.status?.phase === 'Complete' ? b : undefined;
    });
    expect(build.metadata.labels).toMatchObject({
      'openshift.io/build-config.name': `${MODEL}-notebook`,
    });
  });

  it('validates the notebook with a new job copied from the last, leaving the old one as it was', async () => {
    const server = await startBackend();
    const old = await fixture.get(
      GVR.notebookvalidationjobs,
      `${MODEL}-validation`,
    );
    const res = await request(server)
      .post(`${MUTATIONS}/validate-notebook`)
      .send({ gitRef: 'release-1' });
    expect(res.status).toBe(201);
    const job = await fixture.get(
      GVR.notebookvalidationjobs,
      res.body.object.name,
    );
    expect(job.metadata.labels).toMatchObject({ 'model-name': MODEL });
    expect(job.spec!.notebook).toEqual({
      ...old.spec!.notebook,
      git: { ...old.spec!.notebook.git, ref: 'release-1' },
    });
    expect(job.spec!.podConfig).toEqual(old.spec!.podConfig);
    const done = await waitFor(async () => {
      const j = await fixture.get(
        GVR.notebookvalidationjobs,
        job.metadata.name,
      );
      return ['Succeeded', 'Failed'].includes(j.status?.phase) ? j : undefined;
    });
    expect(done.status!.phase).toBe('Succeeded');
    const oldNow = await fixture.get(
      GVR.notebookvalidationjobs,
      `${MODEL}-validation`,
    );
    expect(oldNow.metadata.resourceVersion).toBe(old.metadata.resourceVersion);
  });

  it('restarts serving by a new predictor annotation (a new generation)', async () => {
    const server = await startBackend();
    const before = await fixture.get(GVR.inferenceservices, MODEL);
    const res = await request(server)
      .post(`${MUTATIONS}/restart-serving`)
      .send({});
    expect(res.status).toBe(200);
    const after = await fixture.get(GVR.inferenceservices, MODEL);
    expect(after.metadata.generation).toBeGreaterThan(
      before.metadata.generation!,
    );
    expect(
      Date.parse(
        after.spec!.predictor.annotations['mlops.backstage.io/restarted-at'],
      ),
    ).toBeGreaterThan(Date.now() - 60_000);
    expect(after.metadata.annotations).toMatchObject({
      'mlops.backstage.io/restarted-by': 'user:default/mock',
    });
  });

  it('stops and starts the workbench, and says when nothing changed', async () => {
    const server = await startBackend();
    const stop = await request(server)
      .post(`${MUTATIONS}/workbench/stop`)
      .send({});
    expect(stop.status).toBe(200);
    expect(stop.body.changed).toBe(true);
    const stopped = await fixture.get(GVR.notebooks, `${MODEL}-workbench`);
    expect(stopped.metadata.annotations?.['kubeflow-resource-stopped']).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    );
    const again = await request(server)
      .post(`${MUTATIONS}/workbench/stop`)
      .send({});
    expect(again.body.changed).toBe(false);
    await waitFor(async () => {
      const n = await fixture.get(GVR.notebooks, `${MODEL}-workbench`);
      return n.status?.readyReplicas === 0 ? n : undefined;
    });

    const start = await request(server)
      .post(`${MUTATIONS}/workbench/start`)
      .send({});
    expect(start.status).toBe(200);
    expect(start.body.changed).toBe(true);
    const started = await fixture.get(GVR.notebooks, `${MODEL}-workbench`);
    expect(started.metadata.annotations ?? {}).not.toHaveProperty(
      'kubeflow-resource-stopped',
    );
  });
});

describe('refusals', () => {
  const routes: Array<[string, string]> = [
    ['run-training', 'mlops.training.run'],
    ['runs/some-run/rerun', 'mlops.training.run'],
    ['runs/some-run/cancel', 'mlops.training.cancel'],
    ['start-build', 'mlops.build.start'],
    ['validate-notebook', 'mlops.notebook.validate'],
    ['restart-serving', 'mlops.serving.restart'],
    ['workbench/start', 'mlops.workbench.manage'],
    ['workbench/stop', 'mlops.workbench.manage'],
  ];

  it('refuses every mutation without its permission, and audits the refusal', async () => {
    const fail = jest.fn(async () => {});
    const createEvent = jest.fn(async () => ({
      success: jest.fn(async () => {}),
      fail,
    }));
    const server = await startBackend({
      policy: 'read-only',
      auditor: { createEvent },
    });
    const before = (await runs()).length;
    for (const [route, permission] of routes) {
      const res = await request(server).post(`${MUTATIONS}/${route}`).send({});
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
      expect(res.body.error.message).toContain(
        `permission ${permission} is not granted`,
      );
    }
    expect((await runs()).length).toBe(before);
    expect(createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'mlops-action',
        meta: {
          action: 'run-training',
          entityRef: `component:default/${MODEL}`,
          via: 'http',
        },
      }),
    );
    expect(fail).toHaveBeenCalledTimes(routes.length);
  });

  it('names the RBAC rule when the cluster refuses the backend a verb', async () => {
    const token = await fixture.readOnlyToken();
    const server = await startBackend({ token });
    const res = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .send({ params: { 'notebook-path': NOTEBOOK, 'git-url': GIT_URL } });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.message).toContain(
      `grant "create" on "pipelineruns" in API group "tekton.dev" in namespace "${NS}"`,
    );
    expect(res.body.error.message).not.toContain(token);
  });
});
