// What a New ML model project left on a dev cluster that executes it: its objects'
// statuses (as the admin reads them), the files on its model volume (the claim's
// local folder) and the answers of its model server (through the cluster's service
// network). The suites that run the template for real read these.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  MlopsApiResource,
  MlopsClusterClient,
  MlopsKubernetesObject,
} from '@backstage-mlops/plugin-mlops-node';
import type { DevCluster } from './devClusterActions';
import { waitFor } from './waitFor';

const r = (group: string, version: string, plural: string) => ({
  group,
  version,
  plural,
});

/** The kinds a project's run touches. */
export const PROJECT_KINDS = {
  pipelineRuns: r('tekton.dev', 'v1', 'pipelineruns'),
  taskRuns: r('tekton.dev', 'v1', 'taskruns'),
  tasks: r('tekton.dev', 'v1', 'tasks'),
  builds: r('build.openshift.io', 'v1', 'builds'),
  buildConfigs: r('build.openshift.io', 'v1', 'buildconfigs'),
  imageStreams: r('image.openshift.io', 'v1', 'imagestreams'),
  validationJobs: r('mlops.mlops.dev', 'v1alpha1', 'notebookvalidationjobs'),
  inferenceServices: r('serving.kserve.io', 'v1beta1', 'inferenceservices'),
  pods: r('', 'v1', 'pods'),
} satisfies Record<string, MlopsApiResource>;

type Obj = MlopsKubernetesObject & {
  status?: any;
  spec?: any;
};

/** The files a framework's training writes into a candidate's `model/`. */
export const MODEL_FILE = {
  sklearn: 'model.pkl',
  xgboost: 'model.bst',
  pytorch: '1/model.onnx',
} as const;

/** One project (model) of a namespace on an executing dev cluster. */
export class ExecutedProject {
  constructor(
    readonly cluster: DevCluster,
    readonly admin: MlopsClusterClient,
    readonly namespace: string,
    readonly model: string,
  ) {}

  /** A path in the project's model volume (`<model>-models`). */
  volumePath(...parts: string[]): string {
    const dir = this.cluster.state.platformDir;
    if (!dir) throw new Error('the dev cluster executes nothing');
    return join(
      dir,
      'volumes',
      this.namespace,
      `${this.model}-models`,
      ...parts,
    );
  }

  async fileSize(...parts: string[]): Promise<number> {
    return (await stat(this.volumePath(...parts))).size;
  }

  async readJson(...parts: string[]): Promise<any> {
    return JSON.parse(await readFile(this.volumePath(...parts), 'utf8'));
  }

  async get(resource: MlopsApiResource, name: string): Promise<Obj> {
    return (await this.admin.getObject({
      resource,
      namespace: this.namespace,
      name,
    })) as Obj;
  }

  async list(resource: MlopsApiResource, labelSelector?: string) {
    return (
      await this.admin.listObjects({
        resource,
        namespace: this.namespace,
        labelSelector,
      })
    ).items as Obj[];
  }

  /** The TaskRuns of a PipelineRun by pipeline task. */
  async taskRuns(run: string): Promise<Record<string, Obj>> {
    const items = await this.list(
      PROJECT_KINDS.taskRuns,
      `tekton.dev/pipelineRun=${run}`,
    );
    return Object.fromEntries(
      items.map(t => [t.metadata?.labels?.['tekton.dev/pipelineTask'], t]),
    );
  }

  /** Waits until the TaskRun `name` has ended (Succeeded True or False). */
  async endedTaskRun(name: string, timeoutMs = 600_000): Promise<Obj> {
    return waitFor(
      async () => {
        const tr = await this.get(PROJECT_KINDS.taskRuns, name);
        const ended = ExecutedProject.succeeded(tr)?.status;
        return ended === 'True' || ended === 'False' ? tr : undefined;
      },
      timeoutMs,
      `TaskRun ${name}`,
    );
  }

  /** The log of one step of a TaskRun (its pod's container `step-<step>`). */
  async stepLog(taskRun: Obj, step: string): Promise<string> {
    return this.cluster.kubectl([
      'logs',
      '-n',
      this.namespace,
      taskRun.status.podName,
      '-c',
      `step-${step}`,
    ]);
  }

  /** A TaskRun's result by name. */
  static result(taskRun: Obj | undefined, name: string): unknown {
    return (taskRun?.status?.results ?? []).find(
      (x: { name: string }) => x.name === name,
    )?.value;
  }

  /** The `Succeeded` condition of a Tekton object. */
  static succeeded(o: Obj | undefined) {
    return (o?.status?.conditions ?? []).find(
      (c: { type: string }) => c.type === 'Succeeded',
    );
  }

  /** Predictions of the served model (KServe v2 protocol) for rows of inputs. */
  async predict(
    inputs: number[][],
    datatype = 'FP64',
  ): Promise<{ status: number; predictions?: number[]; body: string }> {
    const res = await this.cluster.serviceRequest(
      `http://${this.model}-predictor.${this.namespace}.svc.cluster.local/v2/models/${this.model}/infer`,
      {
        body: {
          inputs: [
            {
              name: 'input',
              shape: [inputs.length, inputs[0].length],
              datatype,
              data: inputs.flat(),
            },
          ],
        },
      },
    );
    if (res.status !== 200) return { status: res.status, body: res.body };
    const answer = JSON.parse(res.body);
    return {
      status: res.status,
      body: res.body,
      predictions: (answer.outputs[0].data as number[]).map(Number),
    };
  }
}
