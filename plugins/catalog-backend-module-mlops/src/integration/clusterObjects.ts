// Objects and an admin client for the integration suites (the cluster is shared with
// other suites: every test works in namespaces of its own).
import { ConfigReader } from '@backstage/config';
import type { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  DefaultMlopsClusterClients,
  type MlopsClusterClient,
} from '@backstage-mlops/plugin-mlops-node';

const NAMESPACES = { group: '', version: 'v1', plural: 'namespaces' };
export const ISVCS = {
  group: 'serving.kserve.io',
  version: 'v1beta1',
  plural: 'inferenceservices',
};
const NVJS = {
  group: 'mlops.mlops.dev',
  version: 'v1alpha1',
  plural: 'notebookvalidationjobs',
};

const silentLogger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/** The admin's client (client certificate through a kubeconfig). */
export function adminClient(cluster: DevCluster): MlopsClusterClient {
  return DefaultMlopsClusterClients.fromConfig(
    new ConfigReader({
      mlops: {
        clusters: [
          {
            name: 'admin',
            kubeconfig: { path: cluster.state.adminKubeconfig },
          },
        ],
      },
    }),
    { logger: silentLogger },
  ).forCluster('admin');
}

/** Creates a namespace with labels. */
export async function createNamespace(
  admin: MlopsClusterClient,
  name: string,
  labels: Record<string, string> = {},
  annotations?: Record<string, string>,
) {
  await admin.createObject({
    resource: NAMESPACES,
    body: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels, annotations },
    },
  });
}

export async function deleteNamespace(admin: MlopsClusterClient, name: string) {
  await admin
    .request({ method: 'DELETE', path: `/api/v1/namespaces/${name}` })
    .catch(() => undefined);
}

/** An InferenceService the simulator leaves alone. */
export async function createInferenceService(
  admin: MlopsClusterClient,
  namespace: string,
  name: string,
  meta: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
) {
  await admin.createObject({
    resource: ISVCS,
    namespace,
    body: {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: {
        name,
        labels: { 'sim.mlops.dev/skip': 'true', ...meta.labels },
        annotations: meta.annotations,
      },
      spec: {
        predictor: {
          model: {
            modelFormat: { name: 'sklearn' },
            storageUri: `pvc://model-storage-pvc/${name}`,
          },
        },
      },
    },
  });
}

export async function deleteInferenceService(
  admin: MlopsClusterClient,
  namespace: string,
  name: string,
) {
  await admin.request({
    method: 'DELETE',
    path: `/apis/serving.kserve.io/v1beta1/namespaces/${namespace}/inferenceservices/${name}`,
  });
}

/** A NotebookValidationJob of a model the simulator leaves alone. */
export async function createValidationJob(
  admin: MlopsClusterClient,
  namespace: string,
  name: string,
  model: string,
  path: string,
) {
  await admin.createObject({
    resource: NVJS,
    namespace,
    body: {
      apiVersion: 'mlops.mlops.dev/v1alpha1',
      kind: 'NotebookValidationJob',
      metadata: {
        name,
        labels: { 'model-name': model, 'sim.mlops.dev/skip': 'true' },
      },
      spec: {
        notebook: {
          git: { url: 'https://example.com/models.git', ref: 'main' },
          path,
        },
        podConfig: { containerImage: 'quay.io/example/validator:1' },
      },
    },
  });
}
