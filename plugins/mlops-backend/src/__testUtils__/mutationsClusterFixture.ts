import type { DevCluster } from '@backstage-mlops/dev-cluster';
import { MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS } from '@backstage-mlops/plugin-mlops-common';
import {
  CoreV1Api,
  CustomObjectsApi,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';

// A model of the mutation suites' own, in a namespace of their own on the shared dev
// cluster (other suites run in parallel and never see it): copies of the seeded
// anomaly-detector's Pipeline, Tasks, BuildConfig, InferenceService, workbench and
// NotebookValidationJob, renamed, without the seed's simulator marks, so the
// simulated controllers play every mutation's effect.

type Gvr = { group: string; version: string; plural: string };

export const GVR = {
  pipelines: { group: 'tekton.dev', version: 'v1', plural: 'pipelines' },
  tasks: { group: 'tekton.dev', version: 'v1', plural: 'tasks' },
  pipelineruns: { group: 'tekton.dev', version: 'v1', plural: 'pipelineruns' },
  buildconfigs: {
    group: 'build.openshift.io',
    version: 'v1',
    plural: 'buildconfigs',
  },
  builds: { group: 'build.openshift.io', version: 'v1', plural: 'builds' },
  inferenceservices: {
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
  },
  notebooks: { group: 'kubeflow.org', version: 'v1', plural: 'notebooks' },
  notebookvalidationjobs: {
    group: 'mlops.mlops.dev',
    version: 'v1alpha1',
    plural: 'notebookvalidationjobs',
  },
} satisfies Record<string, Gvr>;

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, any>;
  status?: Record<string, any>;
};

const SEED_NS = 'mlops-demo';
const SEED_MODEL = 'anomaly-detector';

function withoutSimMarks(map: Record<string, string> = {}) {
  return Object.fromEntries(
    Object.entries(map).filter(
      ([k]) =>
        !k.startsWith('sim.mlops.dev/') &&
        k !== 'kubectl.kubernetes.io/last-applied-configuration',
    ),
  );
}

/** The admin's view of the cluster, for setting up and checking. */
export class MutationsClusterFixture {
  readonly objects: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly rbac: RbacAuthorizationV1Api;

  constructor(
    readonly cluster: DevCluster,
    readonly namespace: string,
    readonly model: string,
    /** The owner whose entities the namespace allows (mlops.backstage.io/allowed-owners). */
    readonly allowedOwner: string,
  ) {
    const kc = cluster.kubeConfig('admin');
    this.objects = kc.makeApiClient(CustomObjectsApi);
    this.core = kc.makeApiClient(CoreV1Api);
    this.rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  }

  get buildConfig() {
    return `${this.model}-notebook`;
  }
  get workbench() {
    return `${this.model}-workbench`;
  }
  get validationJob() {
    return `${this.model}-validation`;
  }

  async get(gvr: Gvr, name: string): Promise<KubeObject> {
    return (await this.objects.getNamespacedCustomObject({
      ...gvr,
      namespace: this.namespace,
      name,
    })) as KubeObject;
  }

  async list(gvr: Gvr, labelSelector?: string): Promise<KubeObject[]> {
    const list = (await this.objects.listNamespacedCustomObject({
      ...gvr,
      namespace: this.namespace,
      labelSelector,
    })) as { items: KubeObject[] };
    return list.items;
  }

  /** Creates the namespace (allowing {@link allowedOwner}) and the model's objects. */
  async setUp(): Promise<void> {
    await this.core.createNamespace({
      body: {
        metadata: {
          name: this.namespace,
          annotations: {
            [MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS]: this.allowedOwner,
          },
        },
      },
    });
    await this.copy(GVR.pipelines, 'model-training-pipeline');
    const tasks = (await this.objects.listNamespacedCustomObject({
      ...GVR.tasks,
      namespace: SEED_NS,
    })) as { items: KubeObject[] };
    for (const task of tasks.items) {
      await this.copy(GVR.tasks, task.metadata.name);
    }
    await this.copy(
      GVR.buildconfigs,
      `${SEED_MODEL}-notebook`,
      this.buildConfig,
    );
    await this.copy(GVR.inferenceservices, SEED_MODEL, this.model);
    await this.copy(GVR.notebooks, `${SEED_MODEL}-workbench`, this.workbench);
    await this.copy(
      GVR.notebookvalidationjobs,
      `${SEED_MODEL}-validation`,
      this.validationJob,
    );
  }

  async tearDown(): Promise<void> {
    await this.core.deleteNamespace({ name: this.namespace }).catch(() => {});
  }

  /**
   * A ServiceAccount in the namespace that may only read Pipelines and PipelineRuns,
   * and a token for it: a backend identity the cluster refuses to create runs for.
   */
  async readOnlyToken(): Promise<string> {
    const name = 'mutations-it-read-only';
    await this.core.createNamespacedServiceAccount({
      namespace: this.namespace,
      body: { metadata: { name } },
    });
    await this.rbac.createNamespacedRole({
      namespace: this.namespace,
      body: {
        metadata: { name },
        rules: [
          {
            apiGroups: ['tekton.dev'],
            resources: ['pipelines', 'pipelineruns'],
            verbs: ['get', 'list', 'watch'],
          },
        ],
      },
    });
    await this.rbac.createNamespacedRoleBinding({
      namespace: this.namespace,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name, namespace: this.namespace }],
      },
    });
    const token = await this.core.createNamespacedServiceAccountToken({
      name,
      namespace: this.namespace,
      body: { spec: { expirationSeconds: 3600 } } as never,
    });
    if (!token.status?.token) {
      throw new Error('the cluster issued no token');
    }
    return token.status.token;
  }

  private async copy(gvr: Gvr, name: string, rename?: string): Promise<void> {
    const source = (await this.objects.getNamespacedCustomObject({
      ...gvr,
      namespace: SEED_NS,
      name,
    })) as KubeObject;
    const labels = withoutSimMarks(source.metadata.labels);
    if (labels['model-name']) {
      labels['model-name'] = this.model;
    }
    await this.objects.createNamespacedCustomObject({
      ...gvr,
      namespace: this.namespace,
      body: {
        apiVersion: source.apiVersion,
        kind: source.kind,
        metadata: {
          name: rename ?? name,
          labels,
          annotations: withoutSimMarks(source.metadata.annotations),
        },
        spec: source.spec,
      },
    });
  }
}
