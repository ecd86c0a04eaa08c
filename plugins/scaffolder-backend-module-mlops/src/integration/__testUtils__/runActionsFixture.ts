// A model project of the run-action suite's own, in a namespace of its own on the
// shared dev cluster (other suites run in parallel and never see it): copies of the
// seeded Pipeline and Tasks (mlops-demo), of the anomaly-detector BuildConfig (once
// as is, once with the simulator's `fail` outcome) and of its NotebookValidationJob
// spec, plus a Pipeline slow enough to outlast a one-second wait.
import { NotFoundError } from '@backstage/errors';
import {
  MLOPS_RESOURCE_KINDS,
  type MlopsApiResource,
  type MlopsClusterClient,
  type MlopsKubernetesObject,
} from '@backstage-mlops/plugin-mlops-node';
import { ensureNamespace } from './devClusterActions';

const SEED_NS = 'mlops-demo';
const TASKS: MlopsApiResource = {
  group: 'tekton.dev',
  version: 'v1',
  plural: 'tasks',
};

function withoutSimMarks(map: Record<string, string> = {}) {
  return Object.fromEntries(
    Object.entries(map).filter(([k]) => !k.startsWith('sim.mlops.dev/')),
  );
}

/** The admin's set-up and view of the suite's namespace. */
export class RunActionsFixture {
  /** A BuildConfig whose builds complete. */
  readonly buildConfig = 'it-notebook';
  /** A BuildConfig whose builds fail (simulator outcome rule). */
  readonly failingBuildConfig = 'it-notebook-failing';
  /** A Pipeline with one Task of many steps: a run takes several seconds. */
  readonly slowPipeline = 'it-slow-training-pipeline';
  /** The spec of the seeded anomaly-detector-validation job. */
  validationSpec: Record<string, unknown> = {};

  constructor(
    private readonly admin: MlopsClusterClient,
    readonly namespace: string,
  ) {}

  async setUp(): Promise<void> {
    await ensureNamespace(this.admin, this.namespace);
    const { pipelines, buildconfigs, notebookvalidationjobs } =
      MLOPS_RESOURCE_KINDS;
    await this.copy(pipelines, 'model-training-pipeline');
    const tasks = await this.admin.listObjects({
      resource: TASKS,
      namespace: SEED_NS,
    });
    for (const task of tasks.items) {
      await this.copy(TASKS, task.metadata?.name ?? '');
    }
    await this.copy(
      buildconfigs,
      'anomaly-detector-notebook',
      this.buildConfig,
    );
    await this.copy(
      buildconfigs,
      'anomaly-detector-notebook',
      this.failingBuildConfig,
      { 'sim.mlops.dev/outcome': 'fail' },
    );
    const job = await this.admin.getObject({
      resource: notebookvalidationjobs,
      namespace: SEED_NS,
      name: 'anomaly-detector-validation',
    });
    this.validationSpec = job.spec as Record<string, unknown>;
    await this.create(TASKS, {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'it-slow-train' },
      spec: {
        steps: Array.from({ length: 30 }, (_, i) => ({
          name: `epoch-${i}`,
          image: 'registry.access.redhat.com/ubi9/python-311',
          script: `echo epoch ${i}`,
        })),
      },
    });
    await this.create(pipelines, {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: this.slowPipeline },
      spec: {
        params: [{ name: 'model-name', type: 'string' }],
        tasks: [{ name: 'train', taskRef: { name: 'it-slow-train' } }],
      },
    });
  }

  async tearDown(): Promise<void> {
    await this.admin
      .request({
        method: 'DELETE',
        path: `/api/v1/namespaces/${this.namespace}`,
      })
      .catch(() => undefined);
  }

  /** The objects of a kind in the namespace with a label selector. */
  async list(resource: MlopsApiResource, labelSelector: string) {
    return (
      await this.admin.listObjects({
        resource,
        namespace: this.namespace,
        labelSelector,
      })
    ).items;
  }

  /** An object by name, or undefined when it does not exist. */
  async find(resource: MlopsApiResource, name: string, namespace?: string) {
    return this.admin
      .getObject({ resource, namespace: namespace ?? this.namespace, name })
      .catch(error => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
  }

  private async create(
    resource: MlopsApiResource,
    body: MlopsKubernetesObject,
  ): Promise<void> {
    await this.admin.createObject({
      resource,
      namespace: this.namespace,
      body: {
        ...body,
        metadata: { ...body.metadata, namespace: this.namespace },
      },
    });
  }

  private async copy(
    resource: MlopsApiResource,
    name: string,
    rename?: string,
    annotations: Record<string, string> = {},
  ): Promise<void> {
    const source = await this.admin.getObject({
      resource,
      namespace: SEED_NS,
      name,
    });
    await this.create(resource, {
      apiVersion: source.apiVersion,
      kind: source.kind,
      metadata: {
        name: rename ?? name,
        labels: withoutSimMarks(source.metadata?.labels),
        annotations: {
          ...withoutSimMarks(source.metadata?.annotations),
          ...annotations,
        },
      },
      spec: source.spec,
    });
  }
}
