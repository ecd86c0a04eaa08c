import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createClusterCheckAction } from '../actions/clusterCheck';
import { examples } from '../actions/clusterCheck.examples';
import type { ModelFramework } from '../platform/modelProjectRequirements';
import {
  actionDeps,
  adminClient,
  createMlserverRuntime,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';

// mlops:cluster:check against real API servers: discovery, namespaces and
// SelfSubjectAccessReviews as the scaffolder identity of the dev cluster.

let cluster: DevCluster;
const stamp = Date.now().toString(36);
/** A class like OpenShift on AWS's default: EBS volumes, ReadWriteOnce only. */
const ebsClass = `it-gp3-csi-${stamp}`;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  const admin = adminClient(cluster);
  await ensureNamespace(admin, 'it-scaffolder-check');
  await ensureNamespace(admin, `it-scaffolder-runtimes-${stamp}`);
  await admin.createObject({
    resource: {
      group: 'storage.k8s.io',
      version: 'v1',
      plural: 'storageclasses',
    },
    body: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: ebsClass },
      provisioner: 'ebs.csi.aws.com',
    },
  });
});

afterAll(async () => {
  await adminClient(cluster)
    .request({
      method: 'DELETE',
      path: `/apis/storage.k8s.io/v1/storageclasses/${ebsClass}`,
    })
    .catch(() => undefined);
});

function check(
  deps: ReturnType<typeof actionDeps>,
  input: {
    cluster?: string;
    namespace: string;
    modelName: string;
    framework?: ModelFramework;
    storageAccessMode?: 'ReadWriteMany' | 'ReadWriteOnce';
    storageClassName?: string;
  },
) {
  const ctx = createMockActionContext({ input });
  return { ctx, run: createClusterCheckAction(deps).handler(ctx) };
}

describe('mlops:cluster:check on the dev cluster', () => {
  it('runs its documented example: every API served, every permission allowed, the runtime and the storage class found', async () => {
    const { ctx, run } = check(
      actionDeps(cluster),
      yaml.parse(examples[0].example).steps[0].input,
    );
    await run;
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'dev');
    expect(ctx.output).toHaveBeenCalledWith('apis', [
      'tekton.dev/v1',
      'triggers.tekton.dev/v1beta1',
      'serving.kserve.io/v1beta1',
      'build.openshift.io/v1',
      'image.openshift.io/v1',
      'mlops.mlops.dev/v1alpha1',
      'kubeflow.org/v1',
      'route.openshift.io/v1',
      'monitoring.coreos.com/v1',
      'monitoring.coreos.com/v1beta1',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('accessReviews', 54);
  });

  it.each(['xgboost', 'pytorch'] as const)(
    'finds the ServingRuntime %s needs where the seed made it (mlops-demo)',
    async framework => {
      const { ctx, run } = check(actionDeps(cluster), {
        ...yaml.parse(examples[0].example).steps[0].input,
        framework,
      });
      await run;
      expect(ctx.output).toHaveBeenCalledWith('cluster', 'dev');
    },
  );

  it('names the missing runtime of every framework, and only looks for one when a framework is given', async () => {
    for (const [framework, runtime, template] of [
      ['pytorch', 'kserve-ovms', 'kserve-ovms'],
      ['sklearn', 'mlserver-runtime', 'mlserver-runtime-template'],
    ] as const) {
      const { run } = check(actionDeps(cluster), {
        namespace: 'it-scaffolder-check',
        modelName: 'm',
        framework,
      });
      await expect(run).rejects.toThrow(
        new RegExp(
          `^mlops:cluster:check found 1 problem\\(s\\): framework ${framework}: .* ServingRuntime "${runtime}", which is not in namespace it-scaffolder-check on cluster dev, nor a ClusterServingRuntime of that name: an admin creates it from OpenShift AI's template \\(oc process -n redhat-ods-applications ${template} \\| oc apply -n it-scaffolder-check -f -\\)`,
        ),
      );
    }
    const none = check(actionDeps(cluster), {
      namespace: 'it-scaffolder-check',
      modelName: 'm',
    });
    await none.run;
    expect(none.ctx.output).toHaveBeenCalledWith('accessReviews', 54);
  });

  it('accepts the runtime once an admin created it, and names the model format a runtime does not serve', async () => {
    const namespace = `it-scaffolder-runtimes-${stamp}`;
    const admin = adminClient(cluster);
    await createMlserverRuntime(admin, namespace, [
      { name: 'sklearn', version: '1' },
    ]);
    const sklearn = check(actionDeps(cluster), {
      namespace,
      modelName: 'm',
      framework: 'sklearn',
    });
    await sklearn.run;
    expect(sklearn.ctx.output).toHaveBeenCalledWith('cluster', 'dev');
    const xgboost = check(actionDeps(cluster), {
      namespace,
      modelName: 'm',
      framework: 'xgboost',
    });
    await expect(xgboost.run).rejects.toThrow(
      `mlops:cluster:check found 1 problem(s): framework xgboost: MLServer serves it with ServingRuntime "mlserver-runtime" (found in namespace ${namespace}), but it does not list model format xgboost version 2 in spec.supportedModelFormats`,
    );
  });

  it('checks the volume: ReadWriteMany on the default class is fine here, on an EBS class it is refused; ReadWriteOnce passes on a cluster without several nodes', async () => {
    const base = { namespace: 'mlops-demo', modelName: 'm' };
    const shared = check(actionDeps(cluster), {
      ...base,
      storageAccessMode: 'ReadWriteMany',
    });
    await shared.run;
    expect(shared.ctx.output).toHaveBeenCalledWith('cluster', 'dev');
    const ebs = check(actionDeps(cluster), {
      ...base,
      storageAccessMode: 'ReadWriteMany',
      storageClassName: ebsClass,
    });
    await expect(ebs.run).rejects.toThrow(
      `mlops:cluster:check found 1 problem(s): storageAccessMode ReadWriteMany: StorageClass "${ebsClass}" provisions with ebs.csi.aws.com, which provides ReadWriteOnce volumes only`,
    );
    const missing = check(actionDeps(cluster), {
      ...base,
      storageAccessMode: 'ReadWriteMany',
      storageClassName: 'no-such-class',
    });
    await expect(missing.run).rejects.toThrow(
      /storageClassName "no-such-class": cluster dev has no StorageClass of that name \(it has: .*dev-cluster-shared/,
    );
    const once = check(actionDeps(cluster), {
      ...base,
      storageAccessMode: 'ReadWriteOnce',
      storageClassName: ebsClass,
    });
    await once.run;
    expect(once.ctx.output).toHaveBeenCalledWith('cluster', 'dev');
  });

  it('names a namespace that does not exist', async () => {
    const { run } = check(actionDeps(cluster), {
      namespace: 'it-no-such-namespace',
      modelName: 'm',
    });
    await expect(run).rejects.toThrow(
      'mlops:cluster:check found 1 problem(s): namespace "it-no-such-namespace" does not exist on cluster dev (ask a cluster admin to create it, or choose an existing one)',
    );
  });

  it('lists every permission a weaker identity lacks (the read-only backend token as scaffolder)', async () => {
    const { run } = check(
      actionDeps(cluster, { scaffolderToken: cluster.state.backendToken }),
      { namespace: 'it-scaffolder-check', modelName: 'm' },
    );
    const error = await run.catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'the scaffolder identity may not create, patch roles.rbac.authorization.k8s.io in namespace it-scaffolder-check',
    );
    expect(error.message).toContain(
      'the scaffolder identity may not create, patch pipelines.tekton.dev in namespace it-scaffolder-check',
    );
    expect(error.message).toContain(
      'the scaffolder identity may not bind clusterroles.rbac.authorization.k8s.io "tekton-triggers-eventlistener-roles"',
    );
    expect(error.message).not.toContain('is not served');
  });
});

describe('mlops:cluster:check on a cluster without Tekton', () => {
  let bare: DevCluster;
  beforeAll(async () => {
    bare = await DevCluster.start({
      stateDir: mkdtempSync(join(tmpdir(), 'scaffolder-no-tekton-')),
      controllers: false,
      skipCrds: ['tekton.dev', 'triggers.tekton.dev'],
    });
  }, 60_000);
  afterAll(async () => {
    await bare?.stop();
  });

  it('fails with one message naming both missing APIs and the missing namespace', async () => {
    const { ctx, run } = check(actionDeps(bare, { name: 'edge' }), {
      cluster: 'edge',
      namespace: 'ml-team',
      modelName: 'churn',
    });
    await expect(run).rejects.toThrow(
      'mlops:cluster:check found 3 problem(s): tekton.dev/v1 is not served (install Tekton Pipelines (OpenShift Pipelines)); triggers.tekton.dev/v1beta1 is not served (install Tekton Triggers (OpenShift Pipelines)); namespace "ml-team" does not exist on cluster edge',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
