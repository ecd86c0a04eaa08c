import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { DevCluster } from '../DevCluster';
import { failureOf, statusOf } from './helpers';
import { crdKinds, manifest } from './kinds';

// What a real cluster enforces: RBAC of the backend's ServiceAccount, CRD schema
// validation (422), optimistic concurrency (409) and server-side apply.

const namespace = 'mlops-demo';
const kindOf = (plural: string) => crdKinds.find(k => k.plural === plural)!;
const refOf = (plural: string) => {
  const k = kindOf(plural);
  return { group: k.group, version: k.version, namespace, plural };
};
let admin: CustomObjectsApi;
let backend: CustomObjectsApi;
let backendCore: CoreV1Api;

beforeAll(async () => {
  const cluster = await DevCluster.fromJestEnvironment();
  admin = cluster.kubeConfig('admin').makeApiClient(CustomObjectsApi);
  backend = cluster.kubeConfig('backend').makeApiClient(CustomObjectsApi);
  backendCore = cluster.kubeConfig('backend').makeApiClient(CoreV1Api);
});

describe('the backend ServiceAccount is least-privilege', () => {
  it('cannot read or create secrets', async () => {
    const read = await failureOf(
      backendCore.listNamespacedSecret({ namespace }),
    );
    expect(read.code).toBe(403);
    expect(read.message).toContain(
      'system:serviceaccount:backstage-mlops-system:backstage-mlops',
    );
    expect(
      await statusOf(
        backendCore.createNamespacedSecret({
          namespace,
          body: { metadata: { name: 'stolen' }, stringData: { a: 'b' } },
        }),
      ),
    ).toBe(403);
  });

  it('may create a PipelineRun and a NotebookValidationJob, but not delete them', async () => {
    for (const plural of ['pipelineruns', 'notebookvalidationjobs']) {
      const name = `rbac-${plural}`;
      await backend.createNamespacedCustomObject({
        ...refOf(plural),
        body: manifest(kindOf(plural), name),
      });
      expect(
        await statusOf(
          backend.deleteNamespacedCustomObject({ ...refOf(plural), name }),
        ),
      ).toBe(403);
      await admin.deleteNamespacedCustomObject({ ...refOf(plural), name });
    }
  });

  it('may not create kinds it only reads, such as Pipelines', async () => {
    expect(
      await statusOf(
        backend.createNamespacedCustomObject({
          ...refOf('pipelines'),
          body: manifest(kindOf('pipelines'), 'rbac-pipeline'),
        }),
      ),
    ).toBe(403);
  });
});

describe('CRD schemas reject invalid objects with 422', () => {
  it('rejects a NotebookValidationJob whose notebook is not an .ipynb file', async () => {
    const kind = kindOf('notebookvalidationjobs');
    const body = manifest(kind, 'invalid-nvj');
    body.spec = {
      ...kind.spec,
      notebook: {
        git: { url: 'https://github.com/acme/m.git', ref: 'main' },
        path: 'train.py',
      },
    };
    const failure = await failureOf(
      backend.createNamespacedCustomObject({
        ...refOf('notebookvalidationjobs'),
        body,
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.message).toContain('spec.notebook.path');
  });

  it('rejects the v1beta1-only spec.timeout on a tekton.dev/v1 PipelineRun', async () => {
    const body = manifest(kindOf('pipelineruns'), 'invalid-timeout');
    body.spec = { ...body.spec, timeout: '1h' };
    const failure = await failureOf(
      backend.createNamespacedCustomObject({ ...refOf('pipelineruns'), body }),
    );
    expect(failure.code).toBe(422);
    expect(failure.message).toMatch(/timeout/);
  });

  it('rejects an InferenceService without a predictor', async () => {
    const body = manifest(kindOf('inferenceservices'), 'invalid-isvc');
    body.spec = {};
    const failure = await failureOf(
      admin.createNamespacedCustomObject({
        ...refOf('inferenceservices'),
        body,
      }),
    );
    expect(failure.code).toBe(422);
    expect(failure.message).toContain('predictor');
  });
});

describe('API machinery', () => {
  it('answers a write with a stale resourceVersion with 409 Conflict', async () => {
    const ref = refOf('inferenceservices');
    const created = await admin.createNamespacedCustomObject({
      ...ref,
      body: manifest(kindOf('inferenceservices'), 'conflict-isvc'),
    });
    await admin.patchNamespacedCustomObject(
      {
        ...ref,
        name: 'conflict-isvc',
        body: { metadata: { labels: { bump: '1' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const stale = {
      ...created,
      metadata: { ...created.metadata, labels: { bump: '2' } },
    };
    expect(
      await statusOf(
        admin.replaceNamespacedCustomObject({
          ...ref,
          name: 'conflict-isvc',
          body: stale,
        }),
      ),
    ).toBe(409);
    await admin.deleteNamespacedCustomObject({ ...ref, name: 'conflict-isvc' });
  });

  it('server-side applies a PipelineRun as the backend, with its own field manager', async () => {
    const ref = refOf('pipelineruns');
    const body = manifest(kindOf('pipelineruns'), 'ssa-run');
    const applied = await backend.patchNamespacedCustomObject(
      {
        ...ref,
        name: 'ssa-run',
        body,
        fieldManager: 'backstage-mlops',
        force: true,
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    expect(
      applied.metadata.managedFields.map((f: { manager: string }) => f.manager),
    ).toContain('backstage-mlops');
    await admin.deleteNamespacedCustomObject({ ...ref, name: 'ssa-run' });
  });
});
