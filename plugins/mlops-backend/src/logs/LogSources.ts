import { NotFoundError } from '@backstage/errors';
import {
  KSERVE_INFERENCE_SERVICE_POD_LABEL,
  TEKTON_PIPELINE_RUN_LABEL,
  type MlopsLogSource,
  type MlopsObjectStore,
} from '@backstage-mlops/plugin-mlops-node';
import { buildBelongsTo, runBelongsTo } from '../ownership/belongsToEntity';
import type { ModelTarget } from '../services/ModelAccess';

/**
 * Finds the log a request may read, from the watch cache: only the pods and builds of
 * objects that belong to the entity (by the Training tab's rules), so an entity ref
 * never opens a log of another model. Anything else is a `NotFoundError` that does
 * not say whether the object exists.
 *
 * @internal
 */
export class LogSources {
  static create(options: { store: MlopsObjectStore }): LogSources {
    return new LogSources(options.store);
  }

  private constructor(private readonly store: MlopsObjectStore) {}

  /** The container `step-<step>` of the TaskRun's pod (`status.podName`). */
  async taskRunStep(
    target: ModelTarget,
    taskRunName: string,
    stepName: string,
  ): Promise<MlopsLogSource> {
    const base = {
      cluster: target.cluster.name,
      namespace: target.coordinates.namespace,
    };
    const notFound = new NotFoundError(
      `${target.entityRef} has no TaskRun ${taskRunName}`,
    );
    const [taskRun] = (
      await this.store.query({ ...base, kind: 'taskruns', name: taskRunName })
    ).items;
    const runName = taskRun?.metadata.labels?.[TEKTON_PIPELINE_RUN_LABEL];
    if (!taskRun || !runName) throw notFound;
    const [run] = (
      await this.store.query({ ...base, kind: 'pipelineruns', name: runName })
    ).items;
    if (!run || !runBelongsTo(target, run)) throw notFound;

    const step = taskRun.status?.steps?.find(s => s.name === stepName);
    if (!step) {
      throw new NotFoundError(`TaskRun ${taskRunName} has no step ${stepName}`);
    }
    const pod = taskRun.status?.podName;
    if (!pod) {
      throw new NotFoundError(`TaskRun ${taskRunName} has no pod yet`);
    }
    return {
      kind: 'pod',
      namespace: base.namespace,
      name: pod,
      container: step.container ?? `step-${stepName}`,
    };
  }

  /**
   * A container of a pod of the model's InferenceService (KServe labels them
   * `serving.kserve.io/inferenceservice=<name>`), in the entity's namespace.
   */
  async servingPod(
    target: ModelTarget,
    podName: string,
    container: string,
  ): Promise<MlopsLogSource> {
    const service = target.coordinates.inferenceService;
    const notFound = new NotFoundError(
      `${target.entityRef} has no serving pod ${podName}`,
    );
    if (!service) throw notFound;
    const [pod] = (
      await this.store.query({
        cluster: target.cluster.name,
        namespace: target.coordinates.namespace,
        kind: 'pods',
        name: podName,
        labels: { [KSERVE_INFERENCE_SERVICE_POD_LABEL]: service },
      })
    ).items;
    if (!pod) throw notFound;
    if (!pod.spec.containers.includes(container)) {
      throw new NotFoundError(`pod ${podName} has no container ${container}`);
    }
    return {
      kind: 'pod',
      namespace: pod.metadata.namespace,
      name: podName,
      container,
    };
  }

  /** A Build of the model's BuildConfig. */
  async build(target: ModelTarget, buildName: string): Promise<MlopsLogSource> {
    const [build] = (
      await this.store.query({
        cluster: target.cluster.name,
        namespace: target.coordinates.namespace,
        kind: 'builds',
        name: buildName,
      })
    ).items;
    if (!build || !buildBelongsTo(target, build)) {
      throw new NotFoundError(`${target.entityRef} has no Build ${buildName}`);
    }
    return {
      kind: 'build',
      namespace: build.metadata.namespace,
      name: buildName,
    };
  }
}
