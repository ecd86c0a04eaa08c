// Helpers of the integration suites: the portal config for a dev cluster with both
// identities (the backend's read token and the scaffolder's token), the registry,
// scaffolder clients and entity resolver built from it, and an admin client for
// setting up namespaces.
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import { MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS } from '@backstage-mlops/plugin-mlops-common';
import {
  DefaultMlopsClusterClients,
  DefaultMlopsClusterRegistry,
  DefaultMlopsEntityResolver,
  DefaultMlopsObjectStore,
  type MlopsClusterClient,
} from '@backstage-mlops/plugin-mlops-node';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
  mockMlopsClusterAccessFromKubeconfig,
  mockMlopsClusterClients,
} from '@backstage-mlops/plugin-mlops-node/testUtils';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';

export { DevCluster };

/**
 * The cluster as the Kubernetes plugin's `config` locator describes it, named `name`
 * (default `dev`), with the backend ServiceAccount's token as its credential.
 */
export function clusterDetails(
  cluster: DevCluster,
  name = 'dev',
): ClusterDetails {
  return mockClusterDetails(name, cluster.state.server, {
    caData: cluster.state.caData,
    serviceAccountToken: cluster.state.backendToken,
  });
}

/** The `mlops.clusters` entry of the cluster: its scaffolder identity (`scaffolderToken` overrides the token). */
export function clusterSettings(
  cluster: DevCluster,
  options: { name?: string; scaffolderToken?: string } = {},
) {
  return {
    name: options.name ?? 'dev',
    scaffolder: {
      serviceAccountToken:
        options.scaffolderToken ?? cluster.state.scaffolderToken,
    },
  };
}

/** The owner of the suites' models: the namespaces they create allow it. */
export const SUITE_OWNER = 'group:default/team-a';

/** Where a model entity of a suite says its objects are (its mlops annotations). */
export interface ModelEntitySpec {
  name: string;
  namespace: string;
  modelName?: string;
  trainingPipeline?: string;
  buildConfig?: string;
  /** Default {@link SUITE_OWNER}. */
  owner?: string;
}

/** A model entity with the annotations the portal's own entities carry. */
export function modelEntity(spec: ModelEntitySpec): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: spec.name,
      annotations: {
        'mlops.backstage.io/namespace': spec.namespace,
        'mlops.backstage.io/model-name': spec.modelName ?? spec.name,
        'mlops.backstage.io/training-pipeline':
          spec.trainingPipeline ?? `${spec.name}-training-pipeline`,
        ...(spec.buildConfig
          ? { 'mlops.backstage.io/build-config': spec.buildConfig }
          : {}),
      },
    },
    spec: { type: 'ml-model', owner: spec.owner ?? SUITE_OWNER },
  };
}

/** The demo's model, as its catalog-info.yaml describes it: what the examples name. */
const DEMO_MODEL = modelEntity({
  name: 'anomaly-detector',
  namespace: 'mlops-demo',
  trainingPipeline: 'model-training-pipeline',
  buildConfig: 'anomaly-detector-notebook',
  owner: 'group:default/data-science-team', // the team the seeded mlops-demo allows
});

/**
 * The registry and scaffolder-identity clients the actions take, and access for
 * suites about the cluster: the demo model and `models` are in the catalog, and every
 * user may act on them (the check itself: runs/initiatorAccess.test.ts and a denial
 * in runActions.integration.test.ts). `entities` is mlops-node's resolver on a real
 * object store of the cluster (the backend's identity), started on first use:
 * `stop()` stops it.
 */
export function actionDeps(
  cluster: DevCluster,
  options: {
    name?: string;
    scaffolderToken?: string;
    models?: Entity[];
    /** More `mlops` config, e.g. `namespaceOwnership`. */
    mlops?: JsonObject;
  } = {},
) {
  const config = new ConfigReader({
    mlops: {
      clusters: [clusterSettings(cluster, options)],
      ...options.mlops,
    },
  });
  const clusters = DefaultMlopsClusterRegistry.create({
    access: mockMlopsClusterAccess([clusterDetails(cluster, options.name)]),
    config,
    logger: mockServices.logger.mock(),
  });
  let store: DefaultMlopsObjectStore | undefined;
  let entities: DefaultMlopsEntityResolver | undefined;
  return {
    config,
    clusters,
    get entities() {
      store ??= DefaultMlopsObjectStore.create({
        logger: mockServices.logger.mock(),
        clusterRegistry: clusters,
        clusterClients: DefaultMlopsClusterClients.create({
          registry: clusters,
        }),
      });
      entities ??= DefaultMlopsEntityResolver.fromConfig(config, {
        clusters,
        store,
      });
      return entities;
    },
    stop: async () => store?.stop(),
    clients: DefaultMlopsClusterClients.create({
      registry: clusters,
      identity: 'scaffolder',
    }),
    permissions: mockServices.permissions(),
    catalog: catalogServiceMock({
      entities: [DEMO_MODEL, ...(options.models ?? [])],
    }),
  };
}

/** An admin client (client certificate through the admin kubeconfig). */
export function adminClient(cluster: DevCluster): MlopsClusterClient {
  return mockMlopsClusterClients(
    mockMlopsClusterAccessFromKubeconfig(
      'admin',
      cluster.state.adminKubeconfig,
    ),
  ).forCluster('admin');
}

/**
 * Creates a namespace as the admin (idempotent), allowing `allowedOwners` (default
 * {@link SUITE_OWNER}; none: the namespace allows nobody yet).
 */
export async function ensureNamespace(
  admin: MlopsClusterClient,
  name: string,
  allowedOwners: string | null = SUITE_OWNER,
) {
  const annotations = allowedOwners
    ? { [MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS]: allowedOwners }
    : undefined;
  await admin
    .createObject({
      resource: { group: '', version: 'v1', plural: 'namespaces' },
      body: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, annotations },
      },
    })
    .catch(error => {
      if (!(error instanceof ConflictError)) throw error;
    });
}

/**
 * What an admin does once per namespace for a sklearn or xgboost project: creates the
 * ServingRuntime `mlserver-runtime` as OpenShift AI's mlserver-runtime-template does
 * (odh-model-controller config/runtimes/mlserver-template.yaml), with the given model
 * formats (default: the ones the template's models use).
 */
export async function createMlserverRuntime(
  admin: MlopsClusterClient,
  namespace: string,
  formats: Array<{ name: string; version: string }> = [
    { name: 'sklearn', version: '1' },
    { name: 'xgboost', version: '2' },
  ],
) {
  await admin.createObject({
    resource: {
      group: 'serving.kserve.io',
      version: 'v1alpha1',
      plural: 'servingruntimes',
    },
    namespace,
    body: {
      apiVersion: 'serving.kserve.io/v1alpha1',
      kind: 'ServingRuntime',
      metadata: {
        name: 'mlserver-runtime',
        annotations: { 'opendatahub.io/runtime-version': '1.7.1' },
      },
      spec: {
        protocolVersions: ['v2'],
        multiModel: false,
        supportedModelFormats: formats,
        containers: [
          {
            name: 'kserve-container',
            image: 'quay.io/opendatahub/mlserver:fast',
            // The template's env: the model class comes from the InferenceService's
            // modelClass label (a dev cluster that executes runs MLServer with it).
            env: [
              {
                name: 'MLSERVER_MODEL_IMPLEMENTATION',
                value: '{{.Labels.modelClass}}',
              },
              { name: 'MLSERVER_HTTP_PORT', value: '8080' },
              { name: 'MLSERVER_MODELS_DIR', value: '/mnt/models' },
            ],
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
          },
        ],
      },
    },
  });
}
