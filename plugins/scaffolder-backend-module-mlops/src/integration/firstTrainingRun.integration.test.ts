import { mockServices } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import { MLOPS_RESOURCE_KINDS } from '@backstage-mlops/plugin-mlops-node';
import yaml from 'yaml';
import { recordingAuditor } from '@backstage-mlops/plugin-mlops-node/testUtils';
import { createManifestsApplyAction } from '../actions/manifestsApply';
import { createTrainingRunAction } from '../actions/trainingRun';
import {
  renderSkeleton,
  skeletonValues,
} from '../template/__testUtils__/renderSkeleton';
import { publishToGitServer } from './__testUtils__/applyOverlay';
import {
  actionDeps,
  adminClient,
  createMlserverRuntime,
  DevCluster,
  ensureNamespace,
  modelEntity,
} from './__testUtils__/devClusterActions';

// The step the package README gives templates/ml-model for its first training run,
// against what that template really creates: in a dry run of the template (nothing
// applied yet) the step is deferred; after the development overlay is applied it
// starts a run of the project's Pipeline with the project's ServiceAccount and PVC,
// and the dev cluster runs it: the project is published to the cluster's git server,
// built, trained, checked, promoted and served (or, on a cluster that simulates, the
// simulated Tekton finishes it).

const NAME = 'first-run-model';
const NS = `it-first-training-${Date.now().toString(36)}`;

/** The README's step, with the template's parameters filled in. */
const STEP = yaml.parse(`
id: train
action: mlops:training:run
input:
  cluster: dev
  namespace: ${NS}
  modelName: ${NAME}
  serviceAccountName: ${NAME}-pipeline
  workspaceClaims:
    model-storage: ${NAME}-models
  wait: true
  timeoutSeconds: 1800
  entityRef: component:default/${NAME}
`);

let cluster: DevCluster;
let kubectlPath: string;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  await ensureNamespace(adminClient(cluster), NS);
  // What an admin does once per namespace (the project README).
  await createMlserverRuntime(adminClient(cluster), NS);
  kubectlPath = await DevCluster.kubectlPath();
});

const stops: Array<() => Promise<void>> = [];

afterAll(async () => {
  await Promise.all(stops.map(stop => stop()));
  await adminClient(cluster)
    .request({ method: 'DELETE', path: `/api/v1/namespaces/${NS}` })
    .catch(() => undefined);
});

function context(
  input: JsonObject,
  isDryRun: boolean,
  workspacePath?: string,
): ActionContext<JsonObject> {
  return {
    ...createMockActionContext({
      input,
      workspacePath,
      logger: mockServices.logger.mock(),
      user: { ref: 'user:default/jdoe' },
    }),
    isDryRun,
  };
}

function outputsOf(ctx: ActionContext<JsonObject>): Record<string, any> {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

async function step(isDryRun: boolean) {
  const { clusters, clients, permissions, catalog, entities, stop } =
    actionDeps(cluster, {
      // The entity the template registers (skeleton/catalog-info.yaml).
      models: [
        modelEntity({
          name: NAME,
          namespace: NS,
          buildConfig: `${NAME}-notebook`,
        }),
      ],
    });
  stops.push(stop);
  const ctx = context(STEP.input, isDryRun);
  await createTrainingRunAction({
    clusters,
    clients,
    entities,
    appBaseUrl: 'http://localhost:3000',
    pollIntervalMs: 200,
    permissions,
    auditor: recordingAuditor().auditor,
    catalog,
  }).handler(ctx as any);
  return outputsOf(ctx);
}

describe("templates/ml-model's first training run", () => {
  it('is deferred in a dry run, then runs to Succeeded on what the template applied', async () => {
    const { execute, gitServer } = cluster.state;
    if (execute && !(await DevCluster.pythonAvailable())) {
      // eslint-disable-next-line no-console
      console.warn(
        'skipped: python3 3.9-3.12 with venv is needed to execute the template',
      );
      return;
    }
    expect(await step(true)).toEqual(
      expect.objectContaining({ status: 'Deferred', runName: '' }),
    );

    const { clusters, clients } = actionDeps(cluster);
    const repo = `${NS}-${NAME}`;
    const workspacePath = await renderSkeleton(
      skeletonValues({
        name: NAME,
        namespace: NS,
        ...(execute && gitServer ? { gitUrl: `${gitServer}/${repo}` } : {}),
      }),
    );
    if (execute) await publishToGitServer(cluster, workspacePath, repo);
    await createManifestsApplyAction({
      clusters,
      clients,
      appBaseUrl: 'http://localhost:3000',
      kubectlPath,
    }).handler(
      context(
        { namespace: NS, path: 'k8s/overlays/development' },
        false,
        workspacePath,
      ) as any,
    );

    const out = await step(false);
    expect(out).toEqual(
      expect.objectContaining({
        status: 'Succeeded',
        url: `http://localhost:3000/catalog/default/component/${NAME}/training`,
      }),
    );
    const run = await adminClient(cluster).getObject({
      resource: MLOPS_RESOURCE_KINDS.pipelineruns,
      namespace: NS,
      name: out.runName,
    });
    expect(run.spec).toEqual(
      expect.objectContaining({
        pipelineRef: { name: `${NAME}-training-pipeline` },
        taskRunTemplate: { serviceAccountName: `${NAME}-pipeline` },
        workspaces: [
          {
            name: 'model-storage',
            persistentVolumeClaim: { claimName: `${NAME}-models` },
          },
        ],
      }),
    );
  }, 600_000);
});
