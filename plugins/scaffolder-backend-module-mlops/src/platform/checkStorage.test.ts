import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import type {
  MlopsClusterClient,
  MlopsListObjectsRequest,
} from '@backstage-mlops/plugin-mlops-node';
import { checkStorage } from './checkStorage';

// The decisions on what the API server answers; against the dev cluster (its default
// StorageClass, an EBS-like class created by the test) in
// src/integration/clusterCheck.integration.test.ts.

const DEFAULT = 'storageclass.kubernetes.io/is-default-class';
const gp3 = {
  metadata: { name: 'gp3-csi', annotations: { [DEFAULT]: 'true' } },
  provisioner: 'ebs.csi.aws.com',
};
const cephfs = {
  metadata: { name: 'ocs-storagecluster-cephfs' },
  provisioner: 'openshift-storage.cephfs.csi.ceph.com',
};
const worker = { metadata: { name: 'w' }, spec: {} };
const controlPlane = {
  metadata: { name: 'cp' },
  spec: {
    taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
  },
};

/** A client whose listObjects answers per plural: items, or throws. */
function client(answers: Record<string, Error | object[]>) {
  const listObjects = jest.fn(async (request: MlopsListObjectsRequest) => {
    const answer = answers[request.resource.plural] ?? [];
    if (answer instanceof Error) throw answer;
    return { metadata: {}, items: answer };
  });
  return { cluster: 'dev', listObjects } as unknown as MlopsClusterClient;
}

describe('checkStorage', () => {
  it('accepts ReadWriteMany on a class that provides shared volumes', async () => {
    const c = client({ storageclasses: [gp3, cephfs] });
    expect(
      await checkStorage(c, {
        accessMode: 'ReadWriteMany',
        storageClassName: 'ocs-storagecluster-cephfs',
      }),
    ).toEqual([]);
  });

  it('refuses ReadWriteMany on the default class when it provisions block volumes (EBS)', async () => {
    const c = client({ storageclasses: [gp3, cephfs] });
    expect(
      await checkStorage(c, {
        accessMode: 'ReadWriteMany',
        storageClassName: '',
      }),
    ).toEqual([
      'storageAccessMode ReadWriteMany: StorageClass "gp3-csi" (the default) provisions with ebs.csi.aws.com, which provides ReadWriteOnce volumes only, so the model volume would stay Pending: set storageClassName to a class with shared volumes (CephFS, NFS, Azure Files, ...)',
    ]);
  });

  it('names a class that does not exist, and a cluster without a default class', async () => {
    expect(
      await checkStorage(client({ storageclasses: [gp3] }), {
        accessMode: 'ReadWriteMany',
        storageClassName: 'nfs',
      }),
    ).toEqual([
      'storageClassName "nfs": cluster dev has no StorageClass of that name (it has: gp3-csi)',
    ]);
    expect(
      await checkStorage(client({ storageclasses: [cephfs] }), {
        accessMode: 'ReadWriteMany',
        storageClassName: '',
      }),
    ).toEqual([
      'storageClassName is empty, but cluster dev has no default StorageClass, so the volumes would stay Pending: name one (it has: ocs-storagecluster-cephfs)',
    ]);
  });

  it('accepts ReadWriteOnce where pods run on one node only (tainted control planes do not count)', async () => {
    const c = client({
      storageclasses: [gp3],
      nodes: [worker, controlPlane, controlPlane],
    });
    expect(
      await checkStorage(c, {
        accessMode: 'ReadWriteOnce',
        storageClassName: '',
      }),
    ).toEqual([]);
  });

  it('refuses ReadWriteOnce on a cluster that runs pods on several nodes', async () => {
    const c = client({
      storageclasses: [gp3],
      nodes: [worker, worker, worker],
    });
    expect(
      await checkStorage(c, {
        accessMode: 'ReadWriteOnce',
        storageClassName: '',
      }),
    ).toEqual([
      'storageAccessMode ReadWriteOnce: cluster dev runs pods on 3 nodes, and a ReadWriteOnce volume attaches to one: the workbench, training, health-check and serving pods that share the model volume would hang when they land on different nodes; choose ReadWriteMany',
    ]);
  });

  it('says what to grant when it may not read classes or nodes', async () => {
    expect(
      await checkStorage(
        client({ storageclasses: new NotAllowedError('no') }),
        {
          accessMode: 'ReadWriteMany',
          storageClassName: '',
        },
      ),
    ).toEqual([
      'the scaffolder identity may not list storageclasses.storage.k8s.io (grant it list on storageclasses), so storageClassName and storageAccessMode cannot be checked',
    ]);
    expect(
      await checkStorage(
        client({ storageclasses: [gp3], nodes: new NotAllowedError('no') }),
        { accessMode: 'ReadWriteOnce', storageClassName: 'gp3-csi' },
      ),
    ).toEqual([
      'storageAccessMode ReadWriteOnce: the scaffolder identity may not list nodes (grant it list on nodes), so whether the cluster has one node cannot be checked; choose ReadWriteMany',
    ]);
  });

  it('throws what is not an answer about storage', async () => {
    await expect(
      checkStorage(
        client({ storageclasses: new ServiceUnavailableError('down') }),
        {
          accessMode: 'ReadWriteMany',
          storageClassName: '',
        },
      ),
    ).rejects.toThrow('down');
  });
});
