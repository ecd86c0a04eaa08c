import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { MLOPS_RESOURCE_KINDS } from '@backstage-mlops/plugin-mlops-node';
import type {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createBuildStartAction } from '../actions/buildStart';
import { examples as buildExamples } from '../actions/buildStart.examples';
import { createNotebookValidateAction } from '../actions/notebookValidate';
import { examples as notebookExamples } from '../actions/notebookValidate.examples';
import type { RunActionOptions } from '../actions/runActionOptions';
import { createTrainingRunAction } from '../actions/trainingRun';
import { examples as trainingExamples } from '../actions/trainingRun.examples';
import {
  actionDeps,
  adminClient,
  DevCluster,
  modelEntity,
} from './__testUtils__/devClusterActions';
import { RunActionsFixture } from './__testUtils__/runActionsFixture';
import { recordingAuditor } from '@backstage-mlops/plugin-mlops-node/testUtils';

// mlops:training:run, mlops:notebook:validate and mlops:build:start on the dev cluster,
// as the scaffolder identity, with the simulated controllers finishing what they start:
// the suite starts a cluster of its own that simulates everything (no execution), so
// copies of the demo's recorded Pipeline, BuildConfig and validation job, which have no
// source repository or model the cluster could run, finish as the simulator says.
// The suite works in a namespace of its own (copies of the seeded Pipeline, Tasks,
// BuildConfig and validation job spec); the documented examples run as dry runs against
// the seeded mlops-demo namespace, which they leave unchanged.

const { pipelineruns, notebookvalidationjobs, builds } = MLOPS_RESOURCE_KINDS;
const NS = `it-scaffolder-runs-${Date.now().toString(36)}`;
const USER = 'user:default/jdoe';
const TRAINING_PARAMS = {
  'notebook-path': 'notebooks/02-anomaly-detection/01-isolation-forest.ipynb',
  'git-url': 'https://github.com/KubeHeal/openshift-aiops-platform.git',
  'data-source': 'synthetic',
};

const INTRUDER_TEAM = 'group:default/retention-team';

/** The models the suite names in entityRef, as the catalog describes them. */
const MODELS = [
  modelEntity({
    name: 'm-wait',
    namespace: NS,
    trainingPipeline: 'model-training-pipeline',
    buildConfig: 'it-notebook',
  }),
  modelEntity({ name: 'm-denied', namespace: NS }),
  // retention-team's entity naming data-science-team's demo model in mlops-demo (the
  // seeded namespace allows data-science-team and ml-platform-team only).
  modelEntity({
    name: 'intruder',
    namespace: 'mlops-demo',
    modelName: 'anomaly-detector',
    trainingPipeline: 'model-training-pipeline',
    buildConfig: 'anomaly-detector-notebook',
    owner: INTRUDER_TEAM,
  }),
];

let cluster: DevCluster;
let fixture: RunActionsFixture;

type Factory = (options: RunActionOptions) => TemplateAction<any, any, 'v2'>;
type Checkpoint = ActionContext<JsonObject>['checkpoint'];

/** A checkpoint store that remembers, like the scaffolder's across task retries. */
function rememberingCheckpoints(): Checkpoint {
  const stored = new Map<string, JsonValue | void>();
  return async ({ key, fn }) => {
    if (!stored.has(key)) stored.set(key, await fn());
    return stored.get(key) as any;
  };
}

type Enforcement = 'off' | 'mutations' | 'reads-and-mutations';

/** The deps of each cluster and setting the suite acts with, made once (one object store each). */
const depsByCluster = new Map<string, ReturnType<typeof actionDeps>>();
function depsOf(on: DevCluster, enforce?: Enforcement) {
  const key = `${on.state.server}|${enforce ?? 'default'}`;
  let deps = depsByCluster.get(key);
  if (!deps) {
    deps = actionDeps(on, {
      models: MODELS,
      ...(enforce ? { mlops: { namespaceOwnership: { enforce } } } : {}),
    });
    depsByCluster.set(key, deps);
  }
  return deps;
}

function run(
  factory: Factory,
  input: JsonObject,
  options: {
    isDryRun?: boolean;
    checkpoint?: Checkpoint;
    on?: DevCluster;
    permissions?: PermissionsService;
    enforce?: Enforcement;
  } = {},
) {
  const deps = depsOf(options.on ?? cluster, options.enforce);
  const { clusters, clients, permissions, catalog, entities } = deps;
  const { auditor, events } = recordingAuditor();
  const action = factory({
    clusters,
    clients,
    entities,
    appBaseUrl: 'http://localhost:3000',
    pollIntervalMs: 200,
    permissions: options.permissions ?? permissions,
    auditor,
    catalog,
  });
  const logger = mockServices.logger.mock();
  const ctx: ActionContext<JsonObject> = {
    ...createMockActionContext({ input, logger, user: { ref: USER } }),
    // The mock context takes neither a dry run nor a checkpoint store.
    isDryRun: options.isDryRun ?? false,
    checkpoint: options.checkpoint ?? rememberingCheckpoints(),
  };
  const outputs = (): Record<string, any> =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return { done: action.handler(ctx).then(outputs), logger, events };
}

function exampleInput(example: { example: string }) {
  return yaml.parse(example.example).steps[0].input;
}

function infoLines(logger: ReturnType<typeof mockServices.logger.mock>) {
  return logger.info.mock.calls.map(([line]) => line);
}

beforeAll(async () => {
  cluster = await DevCluster.start({
    stateDir: mkdtempSync(join(tmpdir(), 'scaffolder-runs-simulated-')),
    demoNamespaces: true,
    simStep: '200ms',
    execute: false,
  });
  await cluster.seed();
  fixture = new RunActionsFixture(adminClient(cluster), NS);
  await fixture.setUp();
}, 120_000);

afterAll(async () => {
  await Promise.all([...depsByCluster.values()].map(deps => deps.stop()));
  await fixture?.tearDown();
  await cluster?.stop();
});

describe('mlops:training:run on the dev cluster', () => {
  it('runs its documented example as a dry run: accepted, nothing started', async () => {
    const { done } = run(
      createTrainingRunAction,
      exampleInput(trainingExamples[0]),
      { isDryRun: true },
    );
    const out = await done;
    expect(out).toEqual(
      expect.objectContaining({
        cluster: 'dev',
        namespace: 'mlops-demo',
        status: 'Accepted',
        runName: expect.stringMatching(/^train-anomaly-detector-\w{5}$/),
        url: 'http://localhost:3000/catalog/default/component/anomaly-detector/training',
      }),
    );
    expect(out.params).toEqual(
      expect.arrayContaining([
        { name: 'model-name', value: 'anomaly-detector' },
        { name: 'data-source', value: 'synthetic' },
        { name: 'training-hours', value: '24' },
      ]),
    );
    expect(
      await fixture.find(pipelineruns, out.runName, 'mlops-demo'),
    ).toBeUndefined();
  });

  it('starts a run and waits until the simulated Tekton finishes it, logging progress', async () => {
    // No pipeline input: the entity's training pipeline is the default.
    const { done, logger, events } = run(createTrainingRunAction, {
      namespace: NS,
      modelName: 'm-wait',
      params: TRAINING_PARAMS,
      inferenceService: 'm-wait',
      serviceAccountName: 'm-wait-pipeline',
      workspaceClaims: { 'model-storage': 'm-wait-models' },
      wait: true,
      timeoutSeconds: 90,
      entityRef: 'component:default/m-wait',
    });
    const out = await done;
    expect(out).toEqual(
      expect.objectContaining({
        cluster: 'dev',
        namespace: NS,
        status: 'Succeeded',
        reason: expect.stringMatching(
          /^(Succeeded|Completed): Tasks Completed/,
        ),
        url: 'http://localhost:3000/catalog/default/component/m-wait/training',
      }),
    );
    const stored = await fixture.find(pipelineruns, out.runName);
    expect(stored?.metadata?.labels).toEqual(
      expect.objectContaining({ 'model-name': 'm-wait' }),
    );
    // The one authorization and audit path (mlops-node's MlopsModelMutations).
    expect(events).toEqual([
      {
        opened: expect.objectContaining({
          eventId: 'mlops-action',
          meta: {
            action: 'mlops:training:run',
            entityRef: 'component:default/m-wait',
            via: 'scaffolder',
          },
        }),
        outcome: {
          status: 'succeeded',
          meta: {
            object: { kind: 'PipelineRun', namespace: NS, name: out.runName },
            dryRun: false,
            changed: true,
          },
        },
      },
    ]);
    expect(stored?.metadata?.annotations).toEqual(
      expect.objectContaining({ 'mlops.backstage.io/triggered-by': USER }),
    );
    expect(stored?.spec).toEqual(
      expect.objectContaining({
        pipelineRef: { name: 'model-training-pipeline' },
        taskRunTemplate: { serviceAccountName: 'm-wait-pipeline' },
        workspaces: [
          {
            name: 'model-storage',
            persistentVolumeClaim: { claimName: 'm-wait-models' },
          },
        ],
      }),
    );
    const lines = infoLines(logger);
    expect(lines).toContain(
      `waiting for PipelineRun ${NS}/${out.runName} on cluster dev to finish (at most 90s)`,
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^PipelineRun ${NS}/${out.runName} on cluster dev: Running .* after \\d+s$`,
          ),
        ),
      ]),
    );
  });

  it("starts nothing when the task's user may not act on the model", async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const { done, events } = run(
      createTrainingRunAction,
      {
        namespace: NS,
        modelName: 'm-denied',
        pipeline: 'model-training-pipeline',
        params: TRAINING_PARAMS,
        serviceAccountName: 'm-wait-pipeline',
        workspaceClaims: { 'model-storage': 'm-wait-models' },
        entityRef: 'component:default/m-denied',
      },
      { permissions },
    );
    await expect(done).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'may not act on component:default/m-denied (permission mlops.training.run denied)',
      ),
    });
    expect(events).toEqual([
      {
        opened: expect.objectContaining({
          eventId: 'mlops-action',
          meta: {
            action: 'mlops:training:run',
            entityRef: 'component:default/m-denied',
            via: 'scaffolder',
          },
        }),
        outcome: {
          status: 'failed',
          error: expect.objectContaining({ name: 'NotAllowedError' }),
        },
      },
    ]);
    expect(await fixture.list(pipelineruns, 'model-name=m-denied')).toEqual([]);
  });

  it("starts nothing when the input names a model other than entityRef's", async () => {
    // Allowed on m-wait, but the input asks for a run of another model.
    const { done } = run(createTrainingRunAction, {
      namespace: NS,
      modelName: 'm-other',
      params: TRAINING_PARAMS,
      serviceAccountName: 'm-wait-pipeline',
      workspaceClaims: { 'model-storage': 'm-wait-models' },
      entityRef: 'component:default/m-wait',
    });
    await expect(done).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'modelName is "m-other", but the entity\'s model name is "m-wait"',
      ),
    });
    expect(await fixture.list(pipelineruns, 'model-name=m-other')).toEqual([]);
  });

  it('creates one run however often a retried task repeats the step', async () => {
    const checkpoint = rememberingCheckpoints();
    const input = {
      namespace: NS,
      modelName: 'm-retried',
      pipeline: 'model-training-pipeline',
      params: TRAINING_PARAMS,
      inferenceService: 'm-retried',
    };
    const first = await run(createTrainingRunAction, input, { checkpoint })
      .done;
    const second = await run(createTrainingRunAction, input, { checkpoint })
      .done;
    expect(first.status).toBe('Started');
    expect(second.runName).toBe(first.runName);
    expect(
      (await fixture.list(pipelineruns, 'model-name=m-retried')).map(
        r => r.metadata?.name,
      ),
    ).toEqual([first.runName]);
  });

  it('fails a wait that outlasts timeoutSeconds, naming the run and its last status', async () => {
    const { done } = run(createTrainingRunAction, {
      namespace: NS,
      modelName: 'm-slow',
      pipeline: fixture.slowPipeline,
      wait: true,
      timeoutSeconds: 1,
    });
    const error = await done.catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      new RegExp(
        `^gave up waiting for PipelineRun ${NS}/train-m-slow-\\w{5} on cluster dev after 1s: its last status was (Pending|Running)`,
      ),
    );
    expect(await fixture.list(pipelineruns, 'model-name=m-slow')).toHaveLength(
      1,
    );
  });

  it('names a workspace claim the Pipeline does not declare', async () => {
    const { done } = run(createTrainingRunAction, {
      namespace: NS,
      modelName: 'm-claims',
      pipeline: 'model-training-pipeline',
      params: TRAINING_PARAMS,
      inferenceService: 'm-claims',
      workspaceClaims: { data: 'm-claims-data' },
    });
    await expect(done).rejects.toThrow(
      'workspaceClaims names workspace(s) data that Pipeline model-training-pipeline does not declare',
    );
    expect(await fixture.list(pipelineruns, 'model-name=m-claims')).toEqual([]);
  });

  it('defers a dry run whose Pipeline does not exist yet (a template dry run stores nothing before it)', async () => {
    const { done, logger } = run(
      createTrainingRunAction,
      { namespace: NS, modelName: 'm-new', wait: true },
      { isDryRun: true },
    );
    expect(await done).toEqual(
      expect.objectContaining({ status: 'Deferred', runName: '' }),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^dry run: mlops:training:run: Pipeline "m-new-training-pipeline" not found .*; deferred, not checked/,
      ),
    );
  });

  it('names the default Pipeline when the model has none', async () => {
    const { done } = run(createTrainingRunAction, {
      namespace: NS,
      modelName: 'm-none',
    });
    const error = await done.catch(e => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(
      `mlops:training:run: Pipeline "m-none-training-pipeline" not found in namespace ${NS} on cluster dev`,
    );
  });
});

describe('mlops:notebook:validate on the dev cluster', () => {
  it('runs its documented example as a dry run: accepted, nothing created', async () => {
    const { done } = run(
      createNotebookValidateAction,
      exampleInput(notebookExamples[0]),
      { isDryRun: true },
    );
    const out = await done;
    expect(out.jobName).toMatch(/^validate-anomaly-detector-\w{5}$/);
    expect(out.phase).toBeUndefined();
    expect(
      await fixture.find(notebookvalidationjobs, out.jobName, 'mlops-demo'),
    ).toBeUndefined();
  });

  it('creates a job from initialSpec and waits until the simulated operator validates it', async () => {
    const { done } = run(createNotebookValidateAction, {
      namespace: NS,
      modelName: 'nb-wait',
      initialSpec: fixture.validationSpec as JsonObject,
      gitRef: 'feature-x',
      wait: true,
      timeoutSeconds: 90,
    });
    const out = await done;
    expect(out).toEqual(
      expect.objectContaining({ namespace: NS, phase: 'Succeeded' }),
    );
    const stored = await fixture.find(notebookvalidationjobs, out.jobName);
    expect(stored?.metadata?.labels?.['model-name']).toBe('nb-wait');
    expect((stored?.spec as any)?.notebook?.git?.ref).toBe('feature-x');
  });

  it('creates one job however often a retried task repeats the step; a dry run stores none', async () => {
    const input = {
      namespace: NS,
      modelName: 'nb-retried',
      initialSpec: fixture.validationSpec as JsonObject,
    };
    await run(createNotebookValidateAction, input, { isDryRun: true }).done;
    expect(
      await fixture.list(notebookvalidationjobs, 'model-name=nb-retried'),
    ).toEqual([]);
    const checkpoint = rememberingCheckpoints();
    const first = await run(createNotebookValidateAction, input, {
      checkpoint,
    }).done;
    const second = await run(createNotebookValidateAction, input, {
      checkpoint,
    }).done;
    expect(second.jobName).toBe(first.jobName);
    expect(
      (await fixture.list(notebookvalidationjobs, 'model-name=nb-retried')).map(
        j => j.metadata?.name,
      ),
    ).toEqual([first.jobName]);
  });

  it('names the job to copy when it does not exist', async () => {
    const { done } = run(createNotebookValidateAction, {
      namespace: NS,
      modelName: 'nb-wait',
      copyFrom: 'no-such-job',
    });
    const error = await done.catch(e => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(
      `NotebookValidationJob "no-such-job" (copyFrom) not found in namespace ${NS} on cluster dev`,
    );
  });
});

describe('mlops:build:start on the dev cluster', () => {
  const ofConfig = (bc: string) => `openshift.io/build-config.name=${bc}`;

  it('runs its documented example as a dry run: the BuildConfig is checked, no build started', async () => {
    const { done } = run(
      createBuildStartAction,
      exampleInput(buildExamples[0]),
      { isDryRun: true },
    );
    expect(await done).toEqual(
      expect.objectContaining({ namespace: 'mlops-demo', buildName: '' }),
    );
  });

  it('a dry run starts nothing; a real run waits for the simulated build to complete', async () => {
    const input = {
      namespace: NS,
      buildConfig: fixture.buildConfig,
      wait: true,
      timeoutSeconds: 90,
      entityRef: 'component:default/m-wait',
    };
    await run(createBuildStartAction, input, { isDryRun: true }).done;
    expect(await fixture.list(builds, ofConfig(fixture.buildConfig))).toEqual(
      [],
    );
    const out = await run(createBuildStartAction, input).done;
    expect(out).toEqual(
      expect.objectContaining({
        buildName: expect.stringMatching(/^it-notebook-\d+$/),
        phase: 'Complete',
        url: 'http://localhost:3000/catalog/default/component/m-wait/training',
      }),
    );
    expect(await fixture.find(builds, out.buildName)).toBeDefined();
  });

  it('reports a build that fails, with its reason', async () => {
    const out = await run(createBuildStartAction, {
      namespace: NS,
      buildConfig: fixture.failingBuildConfig,
      wait: true,
      timeoutSeconds: 90,
    }).done;
    expect(out).toEqual(
      expect.objectContaining({
        phase: 'Failed',
        reason: expect.stringMatching(/^DockerBuildFailed/),
      }),
    );
  });

  it('starts one build however often a retried task repeats the step', async () => {
    const before = await fixture.list(
      builds,
      ofConfig(fixture.failingBuildConfig),
    );
    const checkpoint = rememberingCheckpoints();
    const input = { namespace: NS, buildConfig: fixture.failingBuildConfig };
    const first = await run(createBuildStartAction, input, { checkpoint }).done;
    const second = await run(createBuildStartAction, input, { checkpoint })
      .done;
    expect(second.buildName).toBe(first.buildName);
    const after = await fixture.list(
      builds,
      ofConfig(fixture.failingBuildConfig),
    );
    expect(after.length).toBe(before.length + 1);
  });

  it('defers a dry run whose BuildConfig does not exist yet', async () => {
    const { done, logger } = run(
      createBuildStartAction,
      { namespace: NS, buildConfig: 'm-new-notebook' },
      { isDryRun: true },
    );
    expect((await done).buildName).toBe('');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'dry run: mlops:build:start: BuildConfig "m-new-notebook" not found',
      ),
    );
  });

  it('names a BuildConfig that does not exist', async () => {
    const { done } = run(createBuildStartAction, {
      namespace: NS,
      buildConfig: 'no-such-bc',
    });
    const error = await done.catch(e => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(
      `mlops:build:start: BuildConfig "no-such-bc" not found in namespace ${NS} on cluster dev`,
    );
  });
});

describe('the run actions on an entity whose namespace does not allow its owner', () => {
  // The documented examples (which act on mlops-demo's anomaly-detector), with
  // retention-team's entity as entityRef: real runs, not dry runs.
  const onIntruder = (example: { example: string }) => ({
    ...exampleInput(example),
    entityRef: 'component:default/intruder',
  });
  const cases: Array<[string, Factory, { example: string }]> = [
    ['mlops:training:run', createTrainingRunAction, trainingExamples[0]],
    [
      'mlops:notebook:validate',
      createNotebookValidateAction,
      notebookExamples[0],
    ],
    ['mlops:build:start', createBuildStartAction, buildExamples[0]],
  ];

  it.each(['mutations', 'reads-and-mutations'] as const)(
    'are refused with %s, naming the namespace and the annotation; nothing starts',
    async enforce => {
      for (const [id, factory, example] of cases) {
        // Every start goes through the task's checkpoint: none is reached.
        const checkpoint = jest.fn(rememberingCheckpoints()) as jest.Mock &
          Checkpoint;
        const { done } = run(factory, onIntruder(example), {
          enforce,
          checkpoint,
        });
        await expect(done).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining(
            `component:default/intruder may not act on the objects of namespace mlops-demo on cluster dev: the namespace does not allow its owner ${INTRUDER_TEAM}`,
          ),
        });
        await expect(done).rejects.toMatchObject({
          message: expect.stringContaining(
            'adds group:default/retention-team to the annotation mlops.backstage.io/allowed-owners of Namespace mlops-demo',
          ),
        });
        expect({ id, starts: checkpoint.mock.calls.length }).toEqual({
          id,
          starts: 0,
        });
      }
    },
  );

  it('are let through with off (here as dry runs, which the cluster accepts)', async () => {
    for (const [id, factory, example] of cases) {
      const { done } = run(factory, onIntruder(example), {
        enforce: 'off',
        isDryRun: true,
      });
      expect({ id, namespace: (await done).namespace }).toEqual({
        id,
        namespace: 'mlops-demo',
      });
    }
  });
});

describe('the run actions on a cluster without Tekton and OpenShift builds', () => {
  let bare: DevCluster;
  beforeAll(async () => {
    bare = await DevCluster.start({
      stateDir: mkdtempSync(join(tmpdir(), 'scaffolder-runs-bare-')),
      controllers: false,
      skipCrds: ['tekton.dev', 'triggers.tekton.dev', 'build.openshift.io'],
    });
  }, 60_000);
  afterAll(async () => {
    await bare?.stop();
  });

  it('name the API the cluster lacks and what installs it', async () => {
    await expect(
      run(
        createTrainingRunAction,
        { namespace: 'ml', modelName: 'm' },
        { on: bare },
      ).done,
    ).rejects.toThrow(
      'mlops:training:run: cluster dev cannot do this: tekton.dev/v1 is not served (install Tekton Pipelines (OpenShift Pipelines))',
    );
    await expect(
      run(
        createBuildStartAction,
        { namespace: 'ml', buildConfig: 'm-notebook' },
        { on: bare },
      ).done,
    ).rejects.toThrow(
      'mlops:build:start: cluster dev cannot do this: build.openshift.io/v1 is not served (install OpenShift builds (S2I))',
    );
  });
});
