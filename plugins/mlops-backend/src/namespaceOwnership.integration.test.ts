import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import type { Entity } from '@backstage/catalog-model';
import { MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsNamespaceOwnershipEnforcement } from '@backstage-mlops/plugin-mlops-node';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  DEMO_NS,
  demoModel,
  startDevClusterBackend,
  waitUntilFresh,
} from './__testUtils__/devClusterBackend';

// "No confused deputy" on the shared dev cluster: the seeded namespace mlops-demo
// allows data-science-team (its mlops.backstage.io/allowed-owners annotation, written
// by the seed); retention-team registers an entity of its own that names mlops-demo
// and anomaly-detector's objects. The permission framework allows everything here
// (as the portal's owner-based policy would for an entity retention-team owns), so
// only the namespace can say no. Each setting of mlops.namespaceOwnership.enforce is
// checked on every read route, every action route and the actions registry; the
// scaffolder's actions are in the scaffolder module's runActions.integration.test.ts.

const INTRUDER = 'intruder-anomaly-detector';
const INTRUDER_TEAM = 'group:default/retention-team';
const ANNOTATION = MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS;
const ACTIONS_REGISTRY = '/api/mlops/.backstage/actions/v1/actions';
/** A build of the seeded anomaly-detector (4 builds). */
const BUILD = 'anomaly-detector-notebook-4';

/** data-science-team's model, as the demo describes it. */
const ours = demoModel('anomaly-detector');
/** retention-team's entity, naming the same objects in data-science-team's namespace. */
const intruder: Entity = {
  ...ours,
  metadata: {
    ...ours.metadata,
    name: INTRUDER,
    annotations: {
      ...ours.metadata.annotations,
      'mlops.backstage.io/model-name': 'anomaly-detector',
    },
  },
  spec: { ...ours.spec, owner: INTRUDER_TEAM },
};
/** Params the seeded Pipeline gives no default (the model's newest run may lack them). */
const REQUIRED_PARAMS = {
  'notebook-path': 'notebooks/train.ipynb',
  'git-url': 'https://example.com/models.git',
};

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
});

async function backend(enforce: MlopsNamespaceOwnershipEnforcement) {
  const { baseUrl } = await startDevClusterBackend({
    cluster,
    entities: [ours, intruder],
    mlopsConfig: { namespaceOwnership: { enforce } },
    features: [actionsRegistryServiceFactory],
  });
  await waitUntilFresh(baseUrl, 'anomaly-detector');
  return baseUrl;
}

const entityPath = (name: string) =>
  `/api/mlops/entity/component/default/${name}`;

/** A training run's TaskRun and step of the seeded anomaly-detector, for the log route. */
async function aStepOf(baseUrl: string) {
  const res = await fetch(
    `${baseUrl}${entityPath('anomaly-detector')}/training`,
  );
  const body = await res.json();
  const run = body.pipelineRuns.items.find(
    (r: { taskRuns: unknown[] }) => r.taskRuns.length > 0,
  );
  const taskRun = run.taskRuns[0];
  return { taskRun: taskRun.name, step: taskRun.steps[0].name };
}

/** Every read of an entity, with its HTTP status (and body, when JSON). */
async function reads(baseUrl: string, name: string) {
  const { taskRun, step } = await aStepOf(baseUrl);
  const get = async (path: string) => {
    const res = await fetch(`${baseUrl}${entityPath(name)}${path}`);
    const text = await res.text();
    return { status: res.status, text };
  };
  const summary = await fetch(`${baseUrl}/api/mlops/summary`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ entityRefs: [`component:default/${name}`] }),
  }).then(r => r.json());
  const invoke = async (action: string) => {
    const res = await fetch(
      `${baseUrl}${ACTIONS_REGISTRY}/mlops:${action}/invoke`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entityRef: `component:default/${name}` }),
      },
    );
    return { status: res.status, text: await res.text() };
  };
  return {
    training: await get('/training'),
    pipelineParams: await get('/training/pipeline-params'),
    health: await get('/health'),
    stepLog: await get(`/taskruns/${taskRun}/steps/${step}/log`),
    buildLog: await get(`/builds/${BUILD}/log`),
    readTrainingAction: await invoke('read-training'),
    readHealthAction: await invoke('read-health'),
    summaryProblem: summary.items[0].problem as string | undefined,
  };
}

/** Every action of an entity (dry runs), with its HTTP status and body. */
async function mutations(baseUrl: string, name: string) {
  const post = async (path: string, body: object = {}) => {
    const res = await fetch(`${baseUrl}${entityPath(name)}/mutations/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, dryRun: true }),
    });
    return { status: res.status, text: await res.text() };
  };
  const registry = await fetch(
    `${baseUrl}${ACTIONS_REGISTRY}/mlops:run-training/invoke`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entityRef: `component:default/${name}`,
        dryRun: true,
        params: REQUIRED_PARAMS,
      }),
    },
  );
  return {
    runTraining: await post('run-training', { params: REQUIRED_PARAMS }),
    rerunTraining: await post('runs/any-run/rerun'),
    cancelTraining: await post('runs/any-run/cancel'),
    startBuild: await post('start-build'),
    validateNotebook: await post('validate-notebook'),
    restartServing: await post('restart-serving'),
    startWorkbench: await post('workbench/start'),
    stopWorkbench: await post('workbench/stop'),
    runTrainingAction: { status: registry.status, text: await registry.text() },
  };
}

function refusalMessage(use: 'read' | 'mutation') {
  const verb = use === 'read' ? 'read the objects of' : 'act on the objects of';
  return `component:default/${INTRUDER} may not ${verb} namespace ${DEMO_NS} on cluster dev: the namespace does not allow its owner ${INTRUDER_TEAM} (its ${ANNOTATION} annotation is "group:default/data-science-team, group:default/ml-platform-team"). If ${INTRUDER_TEAM} should use it, a cluster admin adds ${INTRUDER_TEAM} to the annotation ${ANNOTATION} of Namespace ${DEMO_NS}`;
}

function expectRefused(
  results: Record<string, { status: number; text: string }>,
  use: 'read' | 'mutation',
) {
  for (const [what, { status, text }] of Object.entries(results)) {
    expect({ what, status }).toEqual({ what, status: 403 });
    expect({ what, message: JSON.parse(text).error.message }).toEqual({
      what,
      message: expect.stringContaining(refusalMessage(use)),
    });
  }
}

function expectAnswered(
  results: Record<string, { status: number; text: string }>,
) {
  for (const [what, { status, text }] of Object.entries(results)) {
    expect({ what, status, text }).toEqual({
      what,
      status: 200,
      text: expect.not.stringContaining('may not'),
    });
  }
}

describe('namespace ownership on the dev cluster', () => {
  it('reads-and-mutations: refuses every read and every action of an entity whose namespace does not allow its owner', async () => {
    const baseUrl = await backend('reads-and-mutations');
    const { summaryProblem, ...read } = await reads(baseUrl, INTRUDER);
    expectRefused(read, 'read');
    expect(summaryProblem).toContain(refusalMessage('read'));
    expectRefused(await mutations(baseUrl, INTRUDER), 'mutation');
    // The 403 of a route carries what the UI needs to show it as a refusal.
    const res = await fetch(`${baseUrl}${entityPath(INTRUDER)}/training`);
    expect((await res.json()).error).toMatchObject({
      name: 'NotAllowedError',
      mlopsNamespaceRefusal: {
        cluster: 'dev',
        namespace: DEMO_NS,
        owner: INTRUDER_TEAM,
        annotation: ANNOTATION,
        use: 'read',
      },
    });
  });

  it("reads-and-mutations: the namespace's own team reads and acts", async () => {
    const baseUrl = await backend('reads-and-mutations');
    const { summaryProblem, ...read } = await reads(
      baseUrl,
      'anomaly-detector',
    );
    expectAnswered(read);
    expect(summaryProblem).toBeUndefined();
    const { runTraining, restartServing, runTrainingAction } = await mutations(
      baseUrl,
      'anomaly-detector',
    );
    expect(runTraining.status).toBe(201);
    expect(restartServing.status).toBe(200);
    expect(runTrainingAction.status).toBe(200);
    expect(JSON.parse(runTrainingAction.text).output.dryRun).toBe(true);
  });

  it('mutations (the default): lets the entity read, refuses every action', async () => {
    const baseUrl = await backend('mutations');
    const { summaryProblem, ...read } = await reads(baseUrl, INTRUDER);
    expectAnswered(read);
    expect(summaryProblem).toBeUndefined();
    expectRefused(await mutations(baseUrl, INTRUDER), 'mutation');
  });

  it('off: checks nothing; the entity reads and acts as its permissions allow', async () => {
    const baseUrl = await backend('off');
    const { summaryProblem, ...read } = await reads(baseUrl, INTRUDER);
    expectAnswered(read);
    expect(summaryProblem).toBeUndefined();
    const { runTraining, restartServing, runTrainingAction } = await mutations(
      baseUrl,
      INTRUDER,
    );
    expect(runTraining.status).toBe(201);
    expect(restartServing.status).toBe(200);
    expect(runTrainingAction.status).toBe(200);
  });
});
