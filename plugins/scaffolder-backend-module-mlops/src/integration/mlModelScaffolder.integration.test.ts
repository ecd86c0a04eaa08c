import fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '@backstage/errors';
import type {
  MlopsModelHealthResponse,
  MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';
import git from 'isomorphic-git';
import {
  ExecutedProject,
  MODEL_FILE,
  PROJECT_KINDS,
} from './__testUtils__/executedProject';
import {
  adminClient,
  clusterDetails,
  clusterSettings,
  createMlserverRuntime,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';
import {
  asUser,
  finishedTask,
  logMessage,
  startScaffolderBackend,
  templateDirectoryContents,
  templateEntity,
  type TestServer,
  waitFor,
} from './__testUtils__/scaffolderBackend';

// Issue 8's "done when", end to end: templates/ml-model run by the REAL scaffolder
// backend (task API and dry-run API, called over HTTP as a user) with the real
// catalog backend, this package's actions and the shared dev cluster (scaffolder
// identity), publishing to a local git repository and registering from it.
// Every test uses its own model names and namespaces (the dev cluster is shared).

const stamp = Date.now().toString(36);
const nsDry = `it-e2e-dry-${stamp}`;
const nsRun = `it-e2e-run-${stamp}`;
/** A namespace of another team: it allows retention-team, not the models' owner. */
const nsOther = `it-e2e-other-${stamp}`;
const ALLOWED_OWNERS = 'mlops.backstage.io/allowed-owners';
const OWNER = 'group:default/ml-platform-team';

let cluster: DevCluster;
let bare: DevCluster;
let admin: MlopsClusterClient;
let publishDir: string;
let executes = false;
let server: TestServer;
let stopBackend: () => Promise<void>;

/** What the development overlay creates for model `m`, with its API resource. */
function expectedObjects(m: string) {
  const r = (group: string, version: string, plural: string) => ({
    group,
    version,
    plural,
  });
  const tekton = r('tekton.dev', 'v1', 'tasks');
  const triggers = (plural: string) =>
    r('triggers.tekton.dev', 'v1beta1', plural);
  return [
    [r('', 'v1', 'serviceaccounts'), `${m}-pipeline`],
    [r('', 'v1', 'serviceaccounts'), `${m}-triggers`],
    [r('rbac.authorization.k8s.io', 'v1', 'roles'), `${m}-training-pipeline`],
    [
      r('rbac.authorization.k8s.io', 'v1', 'rolebindings'),
      `${m}-training-pipeline`,
    ],
    [r('rbac.authorization.k8s.io', 'v1', 'rolebindings'), `${m}-triggers`],
    [r('', 'v1', 'persistentvolumeclaims'), `${m}-models`],
    [r('', 'v1', 'persistentvolumeclaims'), `${m}-workbench`],
    [r('image.openshift.io', 'v1', 'imagestreams'), `${m}-notebook`],
    [r('build.openshift.io', 'v1', 'buildconfigs'), `${m}-notebook`],
    [tekton, `${m}-deploy`],
    [tekton, `${m}-health-check`],
    [tekton, `${m}-post-deployment-check`],
    [tekton, `${m}-train`],
    [r('tekton.dev', 'v1', 'pipelines'), `${m}-training-pipeline`],
    [triggers('triggerbindings'), `${m}-drift-alert`],
    [triggers('triggerbindings'), `${m}-webhook`],
    [triggers('triggertemplates'), `${m}-training`],
    [triggers('eventlisteners'), `${m}-drift`],
    [triggers('eventlisteners'), `${m}-webhook`],
    [r('batch', 'v1', 'cronjobs'), `${m}-weekly-training`],
    [r('kubeflow.org', 'v1', 'notebooks'), `${m}-workbench`],
    [r('serving.kserve.io', 'v1beta1', 'inferenceservices'), m],
    [r('monitoring.coreos.com', 'v1', 'prometheusrules'), `${m}-model-drift`],
    [
      r('monitoring.coreos.com', 'v1beta1', 'alertmanagerconfigs'),
      `${m}-model-drift`,
    ],
    [
      r('networking.k8s.io', 'v1', 'networkpolicies'),
      `${m}-drift-from-alertmanager`,
    ],
    [
      r('networking.k8s.io', 'v1', 'networkpolicies'),
      `${m}-webhook-from-router`,
    ],
    [r('route.openshift.io', 'v1', 'routes'), `${m}-webhook`],
  ] as const;
}

function namespaceOf(name: string) {
  return admin.getObject({
    resource: { group: '', version: 'v1', plural: 'namespaces' },
    name,
  });
}

async function existing(namespace: string, model: string) {
  const found: string[] = [];
  for (const [resource, name] of expectedObjects(model)) {
    const object = await admin
      .getObject({ resource, namespace, name })
      .catch(error => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
    if (object) found.push(`${resource.plural}/${name}`);
  }
  return found;
}

function values(overrides: Record<string, unknown>) {
  return {
    description: 'Churn prediction (end-to-end test)',
    owner: OWNER,
    framework: 'sklearn',
    gpu: false,
    cluster: 'dev',
    schedule: '0 2 * * 0',
    dataSource: 'synthetic',
    publishTarget: 'local',
    // A local repository is out of every cluster's reach: the URL it was pushed to.
    sourceRepoUrl: 'https://git.example.com/e2e/churn.git',
    startTraining: true,
    ...overrides,
  };
}

async function runTask(input: Record<string, unknown>, timeoutMs?: number) {
  const res = await asUser(server).post('/api/scaffolder/v2/tasks', {
    templateRef: 'template:default/ml-model',
    values: input,
  });
  expect(res.status).toBe(201);
  return finishedTask(server, res.body.id, timeoutMs);
}

const timings: Record<string, number> = {};
async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    timings[what] = Date.now() - start;
  }
}

beforeAll(async () => {
  await timed('setup', async () => {
    cluster = await DevCluster.fromJestEnvironment();
    admin = adminClient(cluster);
    // Namespaces that allow nobody yet: the template claims them for the owner.
    await ensureNamespace(admin, nsDry, null);
    await ensureNamespace(admin, nsRun, null);
    await ensureNamespace(admin, nsOther, 'group:default/retention-team');
    // What an admin does once per namespace (the project README).
    for (const namespace of [nsDry, nsRun, nsOther]) {
      await createMlserverRuntime(admin, namespace);
    }
    bare = await DevCluster.start({
      stateDir: mkdtempSync(join(tmpdir(), 'scaffolder-e2e-no-tekton-')),
      controllers: false,
      skipCrds: ['tekton.dev', 'triggers.tekton.dev'],
    });
    // Published repositories are served by the cluster's git server, which is how
    // the cluster reaches a "local" repository (sourceRepoUrl).
    executes = cluster.state.execute && (await DevCluster.pythonAvailable());
    publishDir =
      cluster.state.gitRoot ??
      join(mkdtempSync(join(tmpdir(), 'scaffolder-e2e-')), 'published-repos');
    const backend = await startScaffolderBackend({
      clusters: [clusterDetails(cluster), clusterDetails(bare, 'edge')],
      mlops: {
        clusters: [
          clusterSettings(cluster),
          clusterSettings(bare, { name: 'edge' }),
        ],
        scaffolder: {
          kubectlPath: await DevCluster.kubectlPath(),
          localPublish: {
            directory: publishDir,
            author: { name: 'E2E Test', email: 'e2e@example.test' },
          },
        },
      },
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });
}, 120_000);

afterAll(async () => {
  await stopBackend?.();
  await bare?.stop();
  // The figures of the report: how long each part of the end-to-end run took.
  // eslint-disable-next-line no-console
  console.log(`ml-model end-to-end timings (ms): ${JSON.stringify(timings)}`);
});

const publishedRepos = () => readdir(publishDir).catch(() => [] as string[]);

/** The template run for real, and everything it must have done. */
async function realRun(framework: 'sklearn' | 'xgboost' | 'pytorch') {
  const model = `churn-${framework.slice(0, 4)}-${stamp}`;
  const task = await timed(`realRun-${framework}`, () =>
    runTask(
      values({
        name: model,
        namespace: nsRun,
        framework,
        sourceRepoUrl: `${cluster.state.gitServer}/${model}`,
      }),
      1_100_000,
    ),
  );
  // (Tekton's own summary of the run says "Failed: 0": that is not a failure.)
  expect(task.messages.filter(m => /error|failed(?!: 0)/i.test(m))).toEqual([]);
  expect(task.status).toBe('completed');
  expect(task.steps).toEqual({
    render: 'completed',
    check: 'completed',
    'allow-owner': 'completed',
    'publish-local': 'completed',
    apply: 'completed',
    'register-local': 'completed',
    train: 'completed',
    'publish-github': 'skipped',
    'publish-gitlab': 'skipped',
    register: 'skipped',
  });
  expect(await existing(nsRun, model)).toHaveLength(27);
  // The namespace allowed nobody: the first run claimed it for the model's owner, so
  // the model's entity may act there (its first training run did).
  expect(
    (await namespaceOf(nsRun)).metadata?.annotations?.[ALLOWED_OWNERS],
  ).toBe(OWNER);

  const repo = join(publishDir, model);
  const log = await git.log({ fs, dir: repo });
  expect(log).toHaveLength(1);
  expect(log[0].commit.author).toMatchObject({
    name: 'E2E Test',
    email: 'e2e@example.test',
  });
  expect(log[0].commit.message).toBe(
    `New ML model ${model} (from the New ML model template)\n`,
  );
  expect(await git.currentBranch({ fs, dir: repo })).toBe('main');
  expect(await git.listFiles({ fs, dir: repo })).toEqual(
    expect.arrayContaining([
      'catalog-info.yaml',
      'README.md',
      'notebooks/train.ipynb',
      'requirements.txt',
      'k8s/base/kustomization.yaml',
      'k8s/overlays/development/kustomization.yaml',
      'k8s/overlays/production/kustomization.yaml',
    ]),
  );

  const entity = await waitFor(
    async () => {
      const res = await asUser(server).get(
        `/api/catalog/entities/by-name/component/default/${model}`,
      );
      return res.status === 200 ? res.body : undefined;
    },
    30_000,
    `component:default/${model} in the catalog`,
  );
  expect(entity.metadata.annotations).toMatchObject({
    'backstage.io/managed-by-location': `file:${join(
      repo,
      'catalog-info.yaml',
    )}`,
    'mlops.backstage.io/cluster': 'dev',
    'mlops.backstage.io/namespace': nsRun,
    'mlops.backstage.io/training-pipeline': `${model}-training-pipeline`,
  });
  expect(entity.spec).toMatchObject({ type: 'ml-model', owner: OWNER });

  const firstRun = task.output.links?.find(l =>
    l.title?.startsWith('First training run '),
  );
  expect(firstRun?.title).toMatch(
    new RegExp(`^First training run train-${model}-\\S+ \\(Succeeded\\)$`),
  );
  expect(firstRun).toMatchObject({
    url: `http://localhost:3000/catalog/default/component/${model}/training`,
  });
  expect(task.output.links).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ url: `file://${repo}` }),
      expect.objectContaining({ entityRef: `component:default/${model}` }),
      expect.objectContaining({
        url: `http://localhost:3000/catalog/default/component/${model}`,
      }),
    ]),
  );
  const runName = firstRun!.title!.split(' ')[3];
  const project = new ExecutedProject(cluster, admin, nsRun, model);

  // The S2I build ran (clone, pip install of requirements.txt) and pushed the image
  // the run used.
  const build = await project.get(PROJECT_KINDS.builds, `${model}-notebook-1`);
  expect(build.status).toMatchObject({
    phase: 'Complete',
    outputDockerImageReference: `image-registry.openshift-image-registry.svc:5000/${nsRun}/${model}-notebook:latest`,
  });
  const stream = await project.get(
    PROJECT_KINDS.imageStreams,
    `${model}-notebook`,
  );
  expect(stream.status.tags[0].items[0].image).toBe(
    build.status.output.to.imageDigest,
  );

  // Every task of the first run succeeded.
  const run = await project.get(PROJECT_KINDS.pipelineRuns, runName);
  expect(ExecutedProject.succeeded(run)).toMatchObject({ status: 'True' });
  const taskRuns = await project.taskRuns(runName);
  for (const t of [
    'train-model',
    'health-check',
    'deploy-model',
    'post-deployment-check',
  ]) {
    expect([t, ExecutedProject.succeeded(taskRuns[t])?.reason]).toEqual([
      t,
      'Succeeded',
    ]);
  }

  // Training really trained: the notebook ran (per-cell results of the operator),
  // and the candidate's model file is on the model volume.
  const candidate = ExecutedProject.result(
    taskRuns['train-model'],
    'candidate',
  );
  expect(candidate).toBe(`${model}/candidates/${runName}`);
  const [job] = await project.list(
    PROJECT_KINDS.validationJobs,
    `tekton.dev/pipelineRun=${runName}`,
  );
  expect(job.status.phase).toBe('Succeeded');
  expect(job.status.message).toMatch(
    /^Validation completed: \d+\/\d+ cells succeeded \(100\.0% success rate\)$/,
  );
  const cells = job.status.results as Array<{ status: string }>;
  expect(
    cells.filter(c => c.status === 'Success').length,
  ).toBeGreaterThanOrEqual(4);
  expect(cells.some(c => c.status === 'Failure')).toBe(false);
  expect(
    await project.fileSize(candidate as string, 'model', MODEL_FILE[framework]),
  ).toBeGreaterThan(1000);

  // The health check loaded the candidate, not what serves.
  expect(
    ExecutedProject.result(taskRuns['health-check'], 'model-health'),
  ).toMatch(
    new RegExp(
      `^healthy: ${MODEL_FILE[framework]
        .split('/')
        .pop()!
        .replace(
          '.',
          '\\.',
        )} loads and predicts the trained model's 3 sample predictions$`,
    ),
  );

  // Promotion: the candidate is what the InferenceService serves.
  expect(
    (await readFile(project.volumePath(model, 'served-from'), 'utf8')).trim(),
  ).toBe(candidate);
  expect(
    await project.fileSize(model, 'served', MODEL_FILE[framework]),
  ).toBeGreaterThan(1000);

  // The served model answers with the promoted model's predictions.
  const isvc = await project.get(PROJECT_KINDS.inferenceServices, model);
  expect(isvc.status.modelStatus.states).toEqual({
    activeModelState: 'Loaded',
    targetModelState: 'Loaded',
  });
  const inputs: number[][] = await project.readJson(
    candidate as string,
    'sample-inputs.json',
  );
  const expected: number[] = await project.readJson(
    candidate as string,
    'sample-predictions.json',
  );
  const answer = await project.predict(
    inputs,
    framework === 'pytorch' ? 'FP32' : 'FP64',
  );
  expect(answer.status).toBe(200);
  answer.predictions!.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 4));

  // The post-deployment check asked the server and compared.
  expect(
    ExecutedProject.result(
      taskRuns['post-deployment-check'],
      'endpoint-status',
    ),
  ).toBe('200: ready, 3 predictions match the promoted model');

  // The read API (what the model's tabs show) reports all of it.
  const health = await waitFor(
    async () => {
      const res = await asUser(server).get(
        `/api/mlops/entity/component/default/${model}/health`,
      );
      return res.status === 200 && res.body.healthChecks.length === 2
        ? (res.body as MlopsModelHealthResponse)
        : undefined;
    },
    30_000,
    `the Health tab data of ${model}`,
  );
  expect(health.inferenceServices).toEqual([
    expect.objectContaining({
      name: model,
      ready: 'True',
      runtime: framework === 'pytorch' ? 'kserve-ovms' : 'mlserver-runtime',
      modelState: expect.objectContaining({ state: 'Loaded' }),
      internalUrl: `http://${model}-predictor.${nsRun}.svc.cluster.local`,
    }),
  ]);
  expect(
    health.healthChecks.map(c => [c.task, c.pipelineRun, c.status]),
  ).toEqual(
    expect.arrayContaining([
      ['health-check', runName, 'Succeeded'],
      ['post-deployment-check', runName, 'Succeeded'],
    ]),
  );
  const training = await asUser(server).get(
    `/api/mlops/entity/component/default/${model}/training`,
  );
  const [summary] = (training.body as MlopsTrainingResponse).pipelineRuns.items;
  expect(summary).toMatchObject({
    name: runName,
    status: 'Succeeded',
    pipeline: `${model}-training-pipeline`,
  });
  expect(summary.taskRuns.map(t => [t.pipelineTask, t.status])).toEqual([
    ['train-model', 'Succeeded'],
    ['health-check', 'Succeeded'],
    ['deploy-model', 'Succeeded'],
    ['post-deployment-check', 'Succeeded'],
  ]);
}

describe('templates/ml-model through the real scaffolder backend', () => {
  it('dry run: every step succeeds, every object is accepted by server-side dry run, nothing is created', async () => {
    const model = `churn-dry-${stamp}`;
    const res = await timed('dryRun', async () =>
      asUser(server).post('/api/scaffolder/v2/dry-run', {
        template: await templateEntity(),
        values: values({ name: model, namespace: nsDry }),
        directoryContents: await templateDirectoryContents(),
      }),
    );
    expect(res.status).toBe(200);
    const messages: string[] = res.body.log.map(
      (l: { body: { message: string } }) => logMessage(l.body.message),
    );
    const log = messages.join('\n');
    // Every step that runs for a local target finished, none failed.
    for (const step of [
      'render',
      'check',
      'allow-owner',
      'publish-local',
      'apply',
      'register-local',
      'train',
    ]) {
      expect(
        res.body.log.some(
          (l: { body: { stepId?: string; status?: string } }) =>
            l.body.stepId === step && l.body.status === 'completed',
        ),
      ).toBe(true);
    }
    expect(log).not.toMatch(/failed/i);
    // The namespace would be claimed for the owner (a server-side dry-run patch that the
    // scaffolder's RBAC and admission policy accept), and is not.
    expect(log).toContain(
      `dry run: namespace ${nsDry} on cluster dev allows nobody yet; the real run claims it for ${OWNER} (annotation ${ALLOWED_OWNERS})`,
    );
    expect(
      (await namespaceOf(nsDry)).metadata?.annotations?.[ALLOWED_OWNERS],
    ).toBeUndefined();
    // 26 objects accepted by the API server's dry run; the binding of the Role the
    // same apply creates is checked once that Role exists (a real run proves it).
    expect(
      messages.filter(m => /^\[\d+\/27\] .*: accepted$/.test(m)),
    ).toHaveLength(26);
    expect(
      messages.filter(m => / RoleBinding .*: deferred \(its Role /.test(m)),
    ).toHaveLength(1);
    expect(log).toContain(`dry run: 27 object(s) accepted on cluster dev`);
    // The first training run is deferred: its Pipeline exists only after a real apply.
    expect(log).toContain(
      `Pipeline "${model}-training-pipeline" not found in namespace ${nsDry}`,
    );
    expect(log).toMatch(/; deferred, not checked/);
    expect(log).toMatch(
      new RegExp(
        `dry run: would publish \\d+ file\\(s\\) as git repository ${join(
          publishDir,
          model,
        )} \\(branch main\\); nothing written`,
      ),
    );
    // The catalog validated the rendered catalog-info.yaml (a dry-run location).
    expect(log).toMatch(
      new RegExp(
        `dry run: the catalog accepts 4 entit\\(y/ies\\) of .*catalog-info.yaml \\(component:default/${model}, component:default/${model}-training-notebook, location:default/generated-[0-9a-f]+, resource:default/${model}-training-pipeline\\)`,
      ),
    );

    expect(await existing(nsDry, model)).toEqual([]);
    expect(await publishedRepos()).not.toContain(model);
    const entity = await asUser(server).get(
      `/api/catalog/entities/by-name/component/default/${model}`,
    );
    expect(entity.status).toBe(404);
  });

  // Issue 21's "done when": the template run end to end on a dev cluster that executes
  // it. The published repository is served by the cluster's git server (the URL given
  // as sourceRepoUrl); its S2I build installs requirements.txt, the first run's
  // notebook trains with papermill into a candidate, the health check loads the
  // candidate, deploy promotes it and restarts MLServer, which serves it, and the
  // post-deployment check asks the server. PyTorch (ONNX on the simulated OpenVINO
  // server) runs only where python3 has torch.
  it.each(['sklearn', 'xgboost', 'pytorch'] as const)(
    'real run (%s): published locally, built, trained, checked, promoted and served for real; the read API reports it',
    async framework => {
      if (!executes) {
        // eslint-disable-next-line no-console
        console.warn(
          'skipped: python3 3.9-3.12 with venv is needed to execute the template',
        );
        return;
      }
      if (framework === 'pytorch' && !(await DevCluster.torchAvailable())) {
        // eslint-disable-next-line no-console
        console.warn(
          'skipped: python3 has no torch, which the dev cluster never downloads',
        );
        return;
      }
      expect.hasAssertions();
      await realRun(framework);
    },
    1_200_000,
  );

  describe('bad input fails first, with what to fix, and creates nothing', () => {
    it('an invalid model name is refused by the task API, naming the field', async () => {
      const res = await asUser(server).post('/api/scaffolder/v2/tasks', {
        templateRef: 'template:default/ml-model',
        values: values({ name: 'Churn_Model', namespace: nsRun }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { stack: string }) => e.stack)).toEqual([
        'instance.name does not match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"',
      ]);
      expect(await publishedRepos()).not.toContain('Churn_Model');
    });

    it('a local repository without a URL the cluster can clone from is refused, naming the field', async () => {
      const input = values({ name: `churn-nourl-${stamp}`, namespace: nsRun });
      delete (input as Record<string, unknown>).sourceRepoUrl;
      const res = await asUser(server).post('/api/scaffolder/v2/tasks', {
        templateRef: 'template:default/ml-model',
        values: input,
      });
      expect(res.status).toBe(400);
      expect(
        res.body.errors.map((e: { stack: string }) => e.stack).join('\n'),
      ).toContain('instance requires property "sourceRepoUrl"');
      const fileUrl = await asUser(server).post('/api/scaffolder/v2/tasks', {
        templateRef: 'template:default/ml-model',
        values: { ...input, sourceRepoUrl: 'file:///tmp/churn' },
      });
      expect(fileUrl.status).toBe(400);
      expect(
        fileUrl.body.errors.map((e: { stack: string }) => e.stack).join('\n'),
      ).toContain('instance.sourceRepoUrl does not match pattern');
    });

    it('a namespace that does not exist fails at the check step', async () => {
      const model = `churn-nons-${stamp}`;
      const missing = `it-e2e-missing-${stamp}`;
      const task = await timed('missingNamespaceRun', () =>
        runTask(values({ name: model, namespace: missing })),
      );
      expect(task.status).toBe('failed');
      expect(task.steps).toMatchObject({
        render: 'completed',
        check: 'failed',
      });
      // The steps after the check never ran.
      expect(task.steps).toMatchObject({
        'publish-local': 'skipped',
        apply: 'skipped',
        'register-local': 'skipped',
      });
      expect(task.messages.join('\n')).toContain(
        `mlops:cluster:check found 1 problem(s): namespace "${missing}" does not exist on cluster dev (ask a cluster admin to create it, or choose an existing one)`,
      );
      expect(await publishedRepos()).not.toContain(model);
    });

    it("another team's namespace fails at the allow-owner step, naming the annotation, and is left alone", async () => {
      const model = `churn-other-${stamp}`;
      const task = await timed('otherTeamsNamespaceRun', () =>
        runTask(values({ name: model, namespace: nsOther })),
      );
      expect(task.status).toBe('failed');
      expect(task.steps).toMatchObject({
        check: 'completed',
        'allow-owner': 'failed',
        'publish-local': 'skipped',
        apply: 'skipped',
        'register-local': 'skipped',
      });
      expect(task.messages.join('\n')).toContain(
        `mlops:namespace:allow-owner: namespace ${nsOther} on cluster dev allows group:default/retention-team (its annotation ${ALLOWED_OWNERS} is "group:default/retention-team"), not ${OWNER}; nothing was created. A cluster admin who agrees adds ${OWNER} to the annotation ${ALLOWED_OWNERS} of Namespace ${nsOther}`,
      );
      expect(await existing(nsOther, model)).toEqual([]);
      expect(await publishedRepos()).not.toContain(model);
      expect(
        (await namespaceOf(nsOther)).metadata?.annotations?.[ALLOWED_OWNERS],
      ).toBe('group:default/retention-team');
    });

    it('a cluster without Tekton fails at the check step, naming the missing APIs', async () => {
      const model = `churn-edge-${stamp}`;
      const task = await timed('noTektonRun', () =>
        runTask(values({ name: model, namespace: 'default', cluster: 'edge' })),
      );
      expect(task.status).toBe('failed');
      expect(task.steps).toMatchObject({
        check: 'failed',
        'publish-local': 'skipped',
        apply: 'skipped',
      });
      expect(task.messages.join('\n')).toContain(
        'tekton.dev/v1 is not served (install Tekton Pipelines (OpenShift Pipelines)); triggers.tekton.dev/v1beta1 is not served (install Tekton Triggers (OpenShift Pipelines))',
      );
      expect(await publishedRepos()).not.toContain(model);
      const pipelines = await adminClient(bare).listObjects({
        resource: {
          group: 'serving.kserve.io',
          version: 'v1beta1',
          plural: 'inferenceservices',
        },
        namespace: 'default',
      });
      expect(pipelines.items).toEqual([]);
    });
  });
});
