import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createManifestsApplyAction } from '../actions/manifestsApply';
import { examples } from '../actions/manifestsApply.examples';
import {
  actionDeps,
  adminClient,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';

// mlops:manifests:apply against the dev cluster, as the scaffolder identity: a dry run
// stores nothing, a real run creates every object, a second run changes nothing.

const ns = 'it-scaffolder-apply';
let cluster: DevCluster;

const objects = [
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'm1-pipeline' },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'm1-training-pipeline' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'm1-training-pipeline',
    },
    subjects: [{ kind: 'ServiceAccount', name: 'm1-pipeline' }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'm1-training-pipeline' },
    rules: [
      {
        apiGroups: ['mlops.mlops.dev'],
        resources: ['notebookvalidationjobs'],
        verbs: ['create', 'get', 'list', 'watch', 'delete'],
      },
    ],
  },
  {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'm1-training-pipeline', labels: { 'model-name': 'm1' } },
    spec: {
      tasks: [{ name: 'train', taskRef: { name: 'm1-train' } }],
    },
  },
];

function workspace(files: Record<string, unknown[] | string>) {
  const dir = mkdtempSync(join(tmpdir(), 'scaffolder-apply-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(
      join(dir, file),
      typeof content === 'string'
        ? content
        : content.map(o => yaml.stringify(o)).join('---\n'),
    );
  }
  return dir;
}

function run(
  input: Record<string, unknown>,
  workspacePath: string,
  isDryRun = false,
) {
  const { clusters, clients } = actionDeps(cluster);
  const base = createMockActionContext({
    input: input as { namespace: string; path: string },
    workspacePath,
  });
  // The mock context takes no isDryRun; checkpoints are counted.
  const ctx = {
    ...base,
    isDryRun,
    output: base.output as jest.Mock,
    checkpoint: jest.fn(base.checkpoint) as jest.Mock,
  };
  const action = createManifestsApplyAction({
    clusters,
    clients,
    appBaseUrl: 'http://localhost:3000',
  });
  return { ctx, done: action.handler(ctx) };
}

function outputOf(ctx: { output: jest.Mock }, name: string): any {
  return ctx.output.mock.calls.find(([key]) => key === name)?.[1];
}

async function exists(
  plural: string,
  group: string,
  version: string,
  name: string,
) {
  return adminClient(cluster)
    .getObject({ resource: { group, version, plural }, namespace: ns, name })
    .then(
      o => o,
      e => {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      },
    );
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  await ensureNamespace(adminClient(cluster), ns);
});

describe('mlops:manifests:apply on the dev cluster', () => {
  it('runs its documented example as a dry run, which stores nothing', async () => {
    const input = yaml.parse(examples[0].example).steps[0].input;
    const dir = workspace({ [`${input.path}/sa.yaml`]: [objects[0]] });
    const { ctx, done } = run(input, dir, true);
    await done;
    expect(outputOf(ctx, 'objects')).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        namespace: 'mlops-demo',
        name: 'm1-pipeline',
        source: 'k8s/rendered/sa.yaml',
        result: 'accepted',
        url: 'http://localhost:3000/catalog/default/component/anomaly-detector/kubernetes',
      },
    ]);
    expect(outputOf(ctx, 'entityUrl')).toBe(
      'http://localhost:3000/catalog/default/component/anomaly-detector',
    );
  });

  it('dry run: every object accepted (the binding of a new Role deferred), nothing stored', async () => {
    const dir = workspace({
      'k8s/a.yaml': objects.slice(0, 2),
      'k8s/b.yaml': objects.slice(2),
    });
    const { ctx, done } = run({ namespace: ns, path: 'k8s' }, dir, true);
    await done;
    expect(
      outputOf(ctx, 'objects').map((o: { kind: string; result: string }) => [
        o.kind,
        o.result,
      ]),
    ).toEqual([
      ['ServiceAccount', 'accepted'],
      ['Role', 'accepted'],
      ['RoleBinding', 'deferred'],
      ['Pipeline', 'accepted'],
    ]);
    expect(
      await exists('serviceaccounts', '', 'v1', 'm1-pipeline'),
    ).toBeUndefined();
    expect(
      await exists('pipelines', 'tekton.dev', 'v1', 'm1-training-pipeline'),
    ).toBeUndefined();
  });

  it('real run creates every object in order; a second run is idempotent', async () => {
    const dir = workspace({
      'k8s/a.yaml': objects.slice(0, 2),
      'k8s/b.yaml': objects.slice(2),
    });
    const first = run({ namespace: ns, path: 'k8s' }, dir);
    await first.done;
    expect(
      outputOf(first.ctx, 'objects').map(
        (o: { kind: string; result: string }) => [o.kind, o.result],
      ),
    ).toEqual([
      ['ServiceAccount', 'applied'],
      ['Role', 'applied'],
      ['RoleBinding', 'applied'],
      ['Pipeline', 'applied'],
    ]);
    expect(first.ctx.checkpoint).toHaveBeenCalledTimes(4);
    const pipeline = await exists(
      'pipelines',
      'tekton.dev',
      'v1',
      'm1-training-pipeline',
    );
    expect(pipeline?.metadata?.managedFields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          manager: 'backstage-mlops-scaffolder',
          operation: 'Apply',
        }),
      ]),
    );
    expect(
      await exists(
        'rolebindings',
        'rbac.authorization.k8s.io',
        'v1',
        'm1-training-pipeline',
      ),
    ).toBeDefined();

    const second = run({ namespace: ns, path: 'k8s' }, dir);
    await second.done;
    const again = await exists(
      'pipelines',
      'tekton.dev',
      'v1',
      'm1-training-pipeline',
    );
    expect(again?.metadata?.resourceVersion).toBe(
      pipeline?.metadata?.resourceVersion,
    );
  });

  it('names the file, object and field the API server rejects (a v1beta1 field on a v1 Pipeline)', async () => {
    const dir = workspace({
      'bad/pipeline.yaml': [
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'Pipeline',
          metadata: { name: 'm1-bad' },
          spec: { resources: [{ name: 'source', type: 'git' }], tasks: [] },
        },
      ],
    });
    const { done } = run({ namespace: ns, path: 'bad' }, dir);
    await expect(done).rejects.toThrow(
      /^bad\/pipeline\.yaml \(document 1\): Pipeline it-scaffolder-apply\/m1-bad: .*spec\.resources/,
    );
    expect(
      await exists('pipelines', 'tekton.dev', 'v1', 'm1-bad'),
    ).toBeUndefined();
  });

  it('refuses a foreign namespace and a kind the cluster does not serve before applying anything', async () => {
    const dir = workspace({
      'x/a.yaml': [
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'm1-early' },
        },
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'm1-other', namespace: 'kube-system' },
        },
        {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
        },
      ],
    });
    const { done } = run({ namespace: ns, path: 'x' }, dir);
    await expect(done).rejects.toThrow(
      /x\/a\.yaml \(document \d\): (ServiceAccount kube-system\/m1-other: metadata.namespace "kube-system" differs from the project namespace|Widget w: apiVersion example.com\/v1 is not served by cluster dev)/,
    );
    expect(
      await exists('serviceaccounts', '', 'v1', 'm1-early'),
    ).toBeUndefined();
  });

  it('refuses a kustomize overlay when no kubectl is configured, saying how to fix it', async () => {
    const dir = workspace({
      'k8s/overlays/development/kustomization.yaml': 'resources: []\n',
    });
    const { done } = run(
      { namespace: ns, path: 'k8s/overlays/development' },
      dir,
    );
    await expect(done).rejects.toThrow(
      'path "k8s/overlays/development" is a kustomize overlay, and no kubectl is configured to render it: set mlops.scaffolder.kubectlPath',
    );
  });
});
