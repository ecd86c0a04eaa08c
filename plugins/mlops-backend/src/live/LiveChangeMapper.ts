import type { MlopsLiveChange } from '@backstage-mlops/plugin-mlops-common';
import {
  readWorkbench,
  TEKTON_PIPELINE_RUN_LABEL,
  type MlopsObjectEvent,
  type MlopsObjectStore,
  type MlopsSlimObjects,
  type SlimPipelineRun,
  KSERVE_INFERENCE_SERVICE_POD_LABEL,
} from '@backstage-mlops/plugin-mlops-node';
import {
  toBuildSummary,
  toInferenceServiceHealth,
  toPipelineRunSummary,
  toValidationJobSummary,
} from '../mappers';
import {
  buildBelongsTo,
  inferenceServiceBelongsTo,
  runBelongsTo,
  validationJobBelongsTo,
  workbenchBelongsTo,
} from '../ownership/belongsToEntity';
import type { ModelTarget } from '../services/ModelAccess';
import type { ValidationErrorCategories } from '../services/ValidationErrorCategories';

/**
 * Turns a change of the object store into the live change a watched entity's page
 * merges, mapped as the read API maps it; `undefined` when the object is not the
 * entity's. Reads only the watch cache (never the API server), except for the error
 * category of a failed validation job, which is read once per job and remembered.
 *
 * @internal
 */
export class LiveChangeMapper {
  static create(options: {
    store: MlopsObjectStore;
    validationCategories: ValidationErrorCategories;
  }): LiveChangeMapper {
    return new LiveChangeMapper(options.store, options.validationCategories);
  }

  private constructor(
    private readonly store: MlopsObjectStore,
    private readonly validationCategories: ValidationErrorCategories,
  ) {}

  async map(
    target: ModelTarget,
    event: MlopsObjectEvent,
  ): Promise<MlopsLiveChange | undefined> {
    if (
      event.cluster !== target.cluster.name ||
      event.object.metadata.namespace !== target.coordinates.namespace
    ) {
      return undefined;
    }
    const change = event.type === 'DELETED' ? 'delete' : 'upsert';
    const base = {
      entityRef: target.entityRef,
      cluster: event.cluster,
      namespace: event.object.metadata.namespace,
      name: event.object.metadata.name,
    };
    switch (event.kind) {
      case 'pipelineruns': {
        const run = event.object as MlopsSlimObjects['pipelineruns'];
        if (!runBelongsTo(target, run)) return undefined;
        return {
          ...base,
          type: 'pipelineRun',
          change,
          item: await this.runSummary(target, run, change === 'delete'),
        };
      }
      case 'taskruns': {
        const taskRun = event.object as MlopsSlimObjects['taskruns'];
        const runName = taskRun.metadata.labels?.[TEKTON_PIPELINE_RUN_LABEL];
        const run = runName ? await this.findRun(target, runName) : undefined;
        if (!run || !runBelongsTo(target, run)) return undefined;
        return {
          ...base,
          name: run.metadata.name,
          type: 'pipelineRun',
          change: 'upsert',
          item: await this.runSummary(target, run, false),
        };
      }
      case 'notebookvalidationjobs': {
        const job = event.object as MlopsSlimObjects['notebookvalidationjobs'];
        if (!validationJobBelongsTo(target, job)) return undefined;
        const category =
          change === 'delete'
            ? undefined
            : await this.validationCategories.categoryOf(event.cluster, job);
        return {
          ...base,
          type: 'validationJob',
          change,
          item: toValidationJobSummary(job, category),
        };
      }
      case 'builds': {
        const build = event.object as MlopsSlimObjects['builds'];
        if (!buildBelongsTo(target, build)) return undefined;
        return { ...base, type: 'build', change, item: toBuildSummary(build) };
      }
      case 'inferenceservices': {
        const isvc = event.object as MlopsSlimObjects['inferenceservices'];
        if (!inferenceServiceBelongsTo(target, isvc)) return undefined;
        return {
          ...base,
          type: 'inferenceService',
          change,
          item: toInferenceServiceHealth(isvc),
        };
      }
      case 'notebooks': {
        const notebook = event.object as MlopsSlimObjects['notebooks'];
        if (!workbenchBelongsTo(target, notebook)) return undefined;
        return {
          ...base,
          type: 'workbench',
          change,
          item: readWorkbench(notebook),
        };
      }
      case 'pods':
      case 'events': {
        // A serving pod or an Event of the service or its pods changed: the page
        // reads its serving diagnosis again, told as a change of the service.
        if (!(await this.aboutServing(target, event))) return undefined;
        const isvc = await this.findInferenceService(target);
        if (!isvc) return undefined;
        return {
          ...base,
          name: isvc.metadata.name,
          type: 'inferenceService',
          change: 'upsert',
          item: toInferenceServiceHealth(isvc),
        };
      }
      default:
        return undefined;
    }
  }

  /** Whether a Pod or Event is about the entity's InferenceService or one of its pods. */
  private async aboutServing(
    target: ModelTarget,
    event: MlopsObjectEvent,
  ): Promise<boolean> {
    const service = target.coordinates.inferenceService;
    if (!service) return false;
    if (event.kind === 'pods') {
      const pod = event.object as MlopsSlimObjects['pods'];
      return (
        pod.metadata.labels?.[KSERVE_INFERENCE_SERVICE_POD_LABEL] === service
      );
    }
    const { involvedObject } = event.object as MlopsSlimObjects['events'];
    if (involvedObject.kind === 'InferenceService') {
      return involvedObject.name === service;
    }
    const pods = await this.store.query({
      cluster: target.cluster.name,
      kind: 'pods',
      namespace: target.coordinates.namespace,
      name: involvedObject.name,
      labels: { [KSERVE_INFERENCE_SERVICE_POD_LABEL]: service },
    });
    return pods.items.length > 0;
  }

  private async findInferenceService(target: ModelTarget) {
    const name = target.coordinates.inferenceService;
    if (!name) return undefined;
    const result = await this.store.query({
      cluster: target.cluster.name,
      kind: 'inferenceservices',
      namespace: target.coordinates.namespace,
      name,
    });
    return result.items[0];
  }

  private async findRun(
    target: ModelTarget,
    name: string,
  ): Promise<SlimPipelineRun | undefined> {
    const result = await this.store.query({
      cluster: target.cluster.name,
      kind: 'pipelineruns',
      namespace: target.coordinates.namespace,
      name,
    });
    return result.items[0];
  }

  private async runSummary(
    target: ModelTarget,
    run: SlimPipelineRun,
    deleted: boolean,
  ) {
    if (deleted) {
      return toPipelineRunSummary(run, []);
    }
    const taskRuns = await this.store.query({
      cluster: target.cluster.name,
      kind: 'taskruns',
      namespace: target.coordinates.namespace,
      labels: { [TEKTON_PIPELINE_RUN_LABEL]: run.metadata.name },
    });
    return toPipelineRunSummary(run, taskRuns.items);
  }
}
