import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import {
  renderSkeleton,
  skeletonValues,
} from '../template/__testUtils__/renderSkeleton';
import { applyOverlay } from './__testUtils__/applyOverlay';
import {
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
/** The production overlay deploys to a namespace of its own (the k8s README seed). */
const prodNs = 'it-ml-model-prod';
let cluster: DevCluster;
let kubectlPath: string;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  await ensureNamespace(adminClient(cluster), ns);
  await ensureNamespace(adminClient(cluster), prodNs);
  kubectlPath = await DevCluster.kubectlPath();
});

async function apply(
  workspacePath: string,
  overlay: 'development' | 'production',
  isDryRun: boolean,
  name = 'churn-model',
) {
  return applyOverlay({
    cluster,
    workspacePath,
    overlay,
    namespace: overlay === 'production' ? prodNs : ns,
    name,
    isDryRun,
  });
}

const EXPECTED = [
  'ServiceAccount churn-model-pipeline',
  'ServiceAccount churn-model-triggers',
  'Role churn-model-training-pipeline',
  'RoleBinding churn-model-training-pipeline',
  'RoleBinding churn-model-triggers',
  'PersistentVolumeClaim churn-model-models',
  'PersistentVolumeClaim churn-model-workbench',
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
  'EventListener churn-model-drift',
  'EventListener churn-model-webhook',
  'CronJob churn-model-weekly-training',
  'Notebook churn-model-workbench',
  'InferenceService churn-model',
  'PrometheusRule churn-model-model-drift',
  'AlertmanagerConfig churn-model-model-drift',
  'NetworkPolicy churn-model-drift-from-alertmanager',
  'NetworkPolicy churn-model-webhook-from-router',
  'Route churn-model-webhook',
];

/** The objects of a rendered project, in apply order, for a model name. */
const expectedObjects = (name: string) =>
  EXPECTED.map(o => o.replace(/churn-model/g, name));

describe('templates/ml-model on the dev cluster', () => {
  it('kubectl kustomize builds both overlays, with the environment differences', async () => {
    const dir = await renderSkeleton(
      skeletonValues({
        name: 'churn-model',
        namespace: ns,
        productionNamespace: prodNs,
        gpu: true,
      }),
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
    const claim = (objects: any[], name: string) =>
      objects.find(
        o => o.kind === 'PersistentVolumeClaim' && o.metadata.name === name,
      );
    expect(claim(prod, 'churn-model-models').spec).toMatchObject({
      resources: { requests: { storage: '200Gi' } },
      accessModes: ['ReadWriteMany'],
    });
    expect(
      claim(prod, 'churn-model-workbench').spec.resources.requests,
    ).toEqual({ storage: '50Gi' });
    expect(claim(dev, 'churn-model-workbench').spec.resources.requests).toEqual(
      { storage: '5Gi' },
    );
    // Production deploys to its own namespace (the k8s README seed), with the names
    // that carry the namespace rewritten.
    expect(prod.every(o => o.metadata.namespace === 'it-ml-model-prod')).toBe(
      true,
    );
    const prodWorkbench = find(prod, 'Notebook').spec.template.spec
      .containers[0];
    expect(prodWorkbench.image).toBe(
      'image-registry.openshift-image-registry.svc:5000/it-ml-model-prod/churn-model-notebook:latest',
    );
    expect(prodWorkbench.env[1].value).toContain(
      '--ServerApp.base_url=/notebook/it-ml-model-prod/churn-model-workbench',
    );
    expect(prodWorkbench.readinessProbe.httpGet.path).toBe(
      '/notebook/it-ml-model-prod/churn-model-workbench/api',
    );
    expect(
      find(prod, 'AlertmanagerConfig').spec.receivers[0].webhookConfigs[0].url,
    ).toBe(
      'http://el-churn-model-drift.it-ml-model-prod.svc.cluster.local:8080',
    );
    expect(find(prod, 'Notebook').spec.template.spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
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
        productionNamespace: prodNs,
        gpu: true,
        framework: 'xgboost',
      }),
    );
    for (const overlay of ['development', 'production'] as const) {
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
      skeletonValues({
        name,
        namespace: ns,
        productionNamespace: prodNs,
        gpu: true,
        framework: 'pytorch',
      }),
    );
    for (const overlay of ['development', 'production'] as const) {
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
        storageUri: `pvc://${name}-models/${name}/served`,
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
