import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseAllDocuments } from 'yaml';
import { createManifestsApplyAction } from '../actions/manifestsApply';
import {
  renderSkeleton,
  skeletonValues,
} from '../template/__testUtils__/renderSkeleton';
import {
  actionDeps,
  adminClient,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';

// The "New ML model" skeleton against the dev cluster: both overlays build with
// `kubectl kustomize` (the kubectl built with the cluster), every object of both is
// accepted by the API server's server-side dry run as the scaffolder identity, and a
// real apply of the development overlay creates all of them.

const execFileAsync = promisify(execFile);
const ns = 'it-ml-model';
let cluster: DevCluster;
let kubectlPath: string;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  await ensureNamespace(adminClient(cluster), ns);
  kubectlPath = await DevCluster.kubectlPath();
});

async function apply(
  workspacePath: string,
  overlay: string,
  isDryRun: boolean,
  name = 'churn-model',
) {
  const { clusters, clients } = actionDeps(cluster);
  const base = createMockActionContext({
    input: {
      namespace: ns,
      path: `k8s/overlays/${overlay}`,
      entityRef: `component:default/${name}`,
    },
    workspacePath,
  });
  const ctx = { ...base, isDryRun, output: base.output as jest.Mock };
  await createManifestsApplyAction({
    clusters,
    clients,
    appBaseUrl: 'http://localhost:3000',
    kubectlPath,
  }).handler(ctx);
  return ctx.output.mock.calls.find(([k]) => k === 'objects')![1] as Array<{
    kind: string;
    name: string;
    result: string;
    url: string;
  }>;
}

const EXPECTED = [
  'ServiceAccount churn-model-pipeline',
  'ServiceAccount churn-model-triggers',
  'Role churn-model-training-pipeline',
  'RoleBinding churn-model-training-pipeline',
  'RoleBinding churn-model-triggers',
  'PersistentVolumeClaim churn-model-models',
  'ImageStream churn-model-notebook',
  'BuildConfig churn-model-notebook',
  'Task churn-model-deploy',
  'Task churn-model-health-check',
  'Task churn-model-post-deployment-check',
  'Task churn-model-train',
  'Pipeline churn-model-training-pipeline',
  'TriggerBinding churn-model-drift-alert',
  'TriggerBinding churn-model-webhook',
  'TriggerTemplate churn-model-training',
  'EventListener churn-model-training',
  'CronJob churn-model-weekly-training',
  'Notebook churn-model-workbench',
  'InferenceService churn-model',
];

/** The objects of a rendered project, in apply order, for a model name. */
const expectedObjects = (name: string) =>
  EXPECTED.map(o => o.replace(/churn-model/g, name));

describe('templates/ml-model on the dev cluster', () => {
  it('kubectl kustomize builds both overlays, with the environment differences', async () => {
    const dir = await renderSkeleton(
      skeletonValues({ name: 'churn-model', namespace: ns, gpu: true }),
    );
    const build = async (overlay: string) =>
      parseAllDocuments(
        (
          await execFileAsync(kubectlPath, [
            'kustomize',
            join(dir, 'k8s/overlays', overlay),
          ])
        ).stdout,
      ).map(d => d.toJS());
    const dev = await build('development');
    const prod = await build('production');
    expect(dev).toHaveLength(EXPECTED.length);
    expect(prod).toHaveLength(EXPECTED.length);
    expect(dev.every(o => o.metadata.namespace === ns)).toBe(true);
    const find = (objects: any[], kind: string) =>
      objects.find(o => o.kind === kind);
    expect(
      JSON.stringify([find(dev, 'Notebook'), find(dev, 'InferenceService')]),
    ).not.toContain('nvidia.com/gpu');
    expect(
      find(dev, 'Pipeline').spec.params.find(
        (p: any) => p.name === 'training-gpus',
      ).default,
    ).toBe('0');
    expect(
      find(prod, 'Notebook').spec.template.spec.containers[0].resources.limits[
        'nvidia.com/gpu'
      ],
    ).toBe('1');
    expect(find(prod, 'InferenceService').spec.predictor.maxReplicas).toBe(3);
    expect(find(dev, 'InferenceService').spec.predictor.maxReplicas).toBe(1);
    expect(
      find(prod, 'PersistentVolumeClaim').spec.resources.requests.storage,
    ).toBe('200Gi');
    expect(
      find(prod, 'Pipeline').spec.params.find(
        (p: any) => p.name === 'training-gpus',
      ).default,
    ).toBe('1');
    expect(find(dev, 'Pipeline').metadata.labels).toMatchObject({
      'model-name': 'churn-model',
      environment: 'development',
    });
  });

  it('dry run of both overlays: every object accepted, nothing created; then a real apply creates all', async () => {
    const dir = await renderSkeleton(
      skeletonValues({
        name: 'churn-model',
        namespace: ns,
        gpu: true,
        framework: 'xgboost',
      }),
    );
    for (const overlay of ['development', 'production']) {
      const objects = await apply(dir, overlay, true);
      expect(objects.map(o => `${o.kind} ${o.name}`)).toEqual(EXPECTED);
      // The binding of the pipeline Role is proven once the Role exists (below).
      expect(
        objects
          .filter(o => o.result !== 'accepted')
          .map(o => `${o.kind} ${o.name} ${o.result}`),
      ).toEqual(['RoleBinding churn-model-training-pipeline deferred']);
    }
    const admin = adminClient(cluster);
    const pipelines = await admin.listObjects({
      resource: { group: 'tekton.dev', version: 'v1', plural: 'pipelines' },
      namespace: ns,
    });
    expect(pipelines.items).toEqual([]);

    const applied = await apply(dir, 'development', false);
    expect(applied.every(o => o.result === 'applied')).toBe(true);
    expect(applied.find(o => o.kind === 'Pipeline')!.url).toBe(
      'http://localhost:3000/catalog/default/component/churn-model/training',
    );
    const created = await admin.getObject({
      resource: {
        group: 'serving.kserve.io',
        version: 'v1beta1',
        plural: 'inferenceservices',
      },
      namespace: ns,
      name: 'churn-model',
    });
    expect(created.metadata?.labels).toMatchObject({
      'model-name': 'churn-model',
    });

    // With the Role in place, a dry run proves every object, the binding included.
    // (Not the production overlay here: a PVC's size and access modes are immutable.)
    const again = await apply(dir, 'development', true);
    expect(again.every(o => o.result === 'accepted')).toBe(true);
  });

  it('a PyTorch project: ONNX on OpenVINO Model Server in both overlays, every object accepted by a server-side dry run', async () => {
    const name = 'churn-torch';
    const dir = await renderSkeleton(
      skeletonValues({ name, namespace: ns, gpu: true, framework: 'pytorch' }),
    );
    for (const overlay of ['development', 'production']) {
      const built = parseAllDocuments(
        (
          await execFileAsync(kubectlPath, [
            'kustomize',
            join(dir, 'k8s/overlays', overlay),
          ])
        ).stdout,
      ).map(d => d.toJS());
      const isvc = built.find(o => o.kind === 'InferenceService');
      expect(isvc.spec.predictor.model).toMatchObject({
        modelFormat: { name: 'onnx', version: '1' },
        runtime: 'kserve-ovms',
        protocolVersion: 'v2',
        storageUri: `pvc://${name}-models/${name}`,
      });
      expect(isvc.spec.predictor.model.resources.limits['nvidia.com/gpu']).toBe(
        overlay === 'production' ? '1' : undefined,
      );

      const objects = await apply(dir, overlay, true, name);
      expect(objects.map(o => `${o.kind} ${o.name}`)).toEqual(
        expectedObjects(name),
      );
      // Its Role does not exist (a dry run creates nothing), so the binding waits.
      expect(
        objects
          .filter(o => o.result !== 'accepted')
          .map(o => `${o.kind} ${o.name} ${o.result}`),
      ).toEqual([`RoleBinding ${name}-training-pipeline deferred`]);
    }
    const services = await adminClient(cluster).listObjects({
      resource: {
        group: 'serving.kserve.io',
        version: 'v1beta1',
        plural: 'inferenceservices',
      },
      namespace: ns,
    });
    expect(
      services.items.map(o => o.metadata?.name).filter(n => n === name),
    ).toEqual([]);
  });
});
