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
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';

// mlops:cluster:check against real API servers: discovery, namespaces and
// SelfSubjectAccessReviews as the scaffolder identity of the dev cluster.

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  await ensureNamespace(adminClient(cluster), 'it-scaffolder-check');
});

function check(
  deps: ReturnType<typeof actionDeps>,
  input: {
    cluster?: string;
    namespace: string;
    modelName: string;
    framework?: ModelFramework;
  },
) {
  const ctx = createMockActionContext({ input });
  return { ctx, run: createClusterCheckAction(deps).handler(ctx) };
}

describe('mlops:cluster:check on the dev cluster', () => {
  it('runs its documented example: every API served, every permission allowed', async () => {
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
    ]);
    expect(ctx.output).toHaveBeenCalledWith('accessReviews', 45);
  });

  it('finds the ServingRuntime a PyTorch model needs where the seed made it (mlops-demo)', async () => {
    const { ctx, run } = check(actionDeps(cluster), {
      ...yaml.parse(examples[0].example).steps[0].input,
      framework: 'pytorch',
    });
    await run;
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'dev');
  });

  it('names the missing kserve-ovms for PyTorch, and does not look for it otherwise', async () => {
    const pytorch = check(actionDeps(cluster), {
      namespace: 'it-scaffolder-check',
      modelName: 'm',
      framework: 'pytorch',
    });
    await expect(pytorch.run).rejects.toThrow(
      'mlops:cluster:check found 1 problem(s): ServingRuntime "kserve-ovms" is not in namespace it-scaffolder-check on cluster dev, nor a ClusterServingRuntime of that name: a PyTorch model is served as ONNX by OpenVINO Model Server',
    );
    const sklearn = check(actionDeps(cluster), {
      namespace: 'it-scaffolder-check',
      modelName: 'm',
      framework: 'sklearn',
    });
    await sklearn.run;
    expect(sklearn.ctx.output).toHaveBeenCalledWith('accessReviews', 45);
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
