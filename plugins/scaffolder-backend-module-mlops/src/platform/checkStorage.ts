import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  MlopsClusterClient,
  MlopsKubernetesObject,
} from '@backstage-mlops/plugin-mlops-node';
import { z } from 'zod';
import type { ModelVolumeAccessMode } from './modelProjectRequirements';

const STORAGE_CLASSES = {
  group: 'storage.k8s.io',
  version: 'v1',
  plural: 'storageclasses',
};
const NODES = { group: '', version: 'v1', plural: 'nodes' };

/**
 * Provisioners of block volumes that attach to one node at a time: a claim for
 * ReadWriteMany on them stays Pending. The in-tree plugins by the access-mode table of
 * the Kubernetes docs (kubernetes/website content/en/docs/concepts/storage/persistent-volumes.md:
 * AWSElasticBlockStore, AzureDisk, GCEPersistentDisk: ReadWriteOnce only) and the CSI
 * drivers that replace them (kubernetes/csi-translation-lib plugins/aws_ebs.go,
 * azure_disk.go, gce_pd.go).
 */
const READ_WRITE_ONCE_ONLY = new Set([
  'kubernetes.io/aws-ebs',
  'ebs.csi.aws.com',
  'kubernetes.io/azure-disk',
  'disk.csi.azure.com',
  'kubernetes.io/gce-pd',
  'pd.csi.storage.gke.io',
]);

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

const storageClass = z
  .object({
    metadata: z.object({ name: z.string() }).loose(),
    provisioner: z.string().default(''),
  })
  .loose();

const node = z
  .object({
    spec: z
      .object({
        unschedulable: z.boolean().optional(),
        taints: z.array(z.object({ effect: z.string() }).loose()).optional(),
      })
      .loose()
      .default({}),
  })
  .loose();

/** What the template asks of the model volume. */
export interface ModelVolumeRequest {
  accessMode: ModelVolumeAccessMode;
  /** '' for the cluster's default StorageClass. */
  storageClassName: string;
}

function isDefault(o: MlopsKubernetesObject) {
  return DEFAULT_CLASS_ANNOTATIONS.some(
    a => o.metadata?.annotations?.[a] === 'true',
  );
}

/** Nodes pods can land on: schedulable, no NoSchedule/NoExecute taint. */
function workerCount(nodes: MlopsKubernetesObject[]) {
  return nodes.filter(n => {
    const { spec } = node.parse(n);
    return (
      !spec.unschedulable &&
      !(spec.taints ?? []).some(t => t.effect !== 'PreferNoSchedule')
    );
  }).length;
}

/**
 * Whether the model volume can be provided as asked: the StorageClass named in
 * `storageClassName` exists (else the cluster has a default one); with ReadWriteMany,
 * its provisioner is not one that provides only ReadWriteOnce; with ReadWriteOnce, the
 * cluster runs workloads on one node only (the workbench, the training and health-check
 * pods and the model server share the volume, and a ReadWriteOnce volume attaches to
 * one node). Returns the problems, naming the fields; other failures are thrown.
 *
 * @public
 */
export async function checkStorage(
  client: MlopsClusterClient,
  request: ModelVolumeRequest,
): Promise<string[]> {
  const { accessMode, storageClassName } = request;
  const cannot = (what: string, grant: string) => [
    `the scaffolder identity may not ${what} (grant it ${grant}), so storageClassName and storageAccessMode cannot be checked`,
  ];
  let classes: MlopsKubernetesObject[];
  try {
    classes = (await client.listObjects({ resource: STORAGE_CLASSES })).items;
  } catch (error) {
    if (error instanceof NotAllowedError) {
      return cannot(
        'list storageclasses.storage.k8s.io',
        'list on storageclasses',
      );
    }
    throw error;
  }
  const names = classes
    .map(c => c.metadata?.name)
    .filter(Boolean)
    .join(', ');
  const chosen = storageClassName
    ? classes.find(c => c.metadata?.name === storageClassName)
    : classes.find(isDefault);
  if (!chosen) {
    return [
      storageClassName
        ? `storageClassName "${storageClassName}": cluster ${
            client.cluster
          } has no StorageClass of that name (it has: ${names || 'none'})`
        : `storageClassName is empty, but cluster ${
            client.cluster
          } has no default StorageClass, so the volumes would stay Pending: name one (it has: ${
            names || 'none'
          })`,
    ];
  }
  const { metadata, provisioner } = storageClass.parse(chosen);
  const problems: string[] = [];
  if (accessMode === 'ReadWriteMany' && READ_WRITE_ONCE_ONLY.has(provisioner)) {
    problems.push(
      `storageAccessMode ReadWriteMany: StorageClass "${metadata.name}"${
        storageClassName ? '' : ' (the default)'
      } provisions with ${provisioner}, which provides ReadWriteOnce volumes only, so the model volume would stay Pending: set storageClassName to a class with shared volumes (CephFS, NFS, Azure Files, ...)`,
    );
  }
  if (accessMode === 'ReadWriteOnce') {
    try {
      const workers = workerCount(
        (await client.listObjects({ resource: NODES })).items,
      );
      if (workers > 1) {
        problems.push(
          `storageAccessMode ReadWriteOnce: cluster ${client.cluster} runs pods on ${workers} nodes, and a ReadWriteOnce volume attaches to one: the workbench, training, health-check and serving pods that share the model volume would hang when they land on different nodes; choose ReadWriteMany`,
        );
      }
    } catch (error) {
      if (error instanceof NotAllowedError) {
        problems.push(
          'storageAccessMode ReadWriteOnce: the scaffolder identity may not list nodes (grant it list on nodes), so whether the cluster has one node cannot be checked; choose ReadWriteMany',
        );
      } else if (!(error instanceof NotFoundError)) {
        throw error;
      }
    }
  }
  return problems;
}
