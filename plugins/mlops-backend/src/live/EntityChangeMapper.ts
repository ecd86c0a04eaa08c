import {
  KSERVE_INFERENCE_SERVICE_POD_LABEL,
  TEKTON_PIPELINE_RUN_LABEL,
  type MlopsObjectEvent,
  type MlopsObjectStore,
  type MlopsSlimObjects,
  type SlimPipelineRun,
} from '@backstage-mlops/plugin-mlops-node';
import {
  buildBelongsTo,
  inferenceServiceBelongsTo,
  runBelongsTo,
  validationJobBelongsTo,
  workbenchBelongsTo,
} from '../ownership/belongsToEntity';
import type { ModelTarget } from '../services/ModelAccess';
import type { ModelTargetIndex } from './ModelTargetIndex';

/**
 * The one place that says which entities a change of a cluster object concerns, by
 * the rules the Training and Health tabs read with (`ownership/belongsToEntity.ts`):
 *
 * - a PipelineRun: the models it trains and the `ml-pipeline` it runs;
 * - a TaskRun: those of its PipelineRun (label `tekton.dev/pipelineRun`), whose
 *   summary holds its TaskRuns;
 * - a NotebookValidationJob, a Build, an InferenceService, a workbench Notebook: the
 *   model they belong to;
 * - a Pod of an InferenceService (label `serving.kserve.io/inferenceservice`), an
 *   Event about an InferenceService or about such a pod: the model the service serves
 *   (its Health tab's serving diagnosis);
 * - any other kind: none (no tab shows it as it changes).
 *
 * Reads only the watch cache and the index of entities, never the API server.
 *
 * @internal
 */
export class EntityChangeMapper {
  static create(options: {
    store: MlopsObjectStore;
    targets: ModelTargetIndex;
  }): EntityChangeMapper {
    return new EntityChangeMapper(options.store, options.targets);
  }

  private constructor(
    private readonly store: MlopsObjectStore,
    private readonly targets: ModelTargetIndex,
  ) {}

  /** The refs (normalized) of the entities whose objects the change concerns. */
  async entityRefsOf(event: MlopsObjectEvent): Promise<string[]> {
    const { namespace } = event.object.metadata;
    const targets = await this.targets.inNamespace(event.cluster, namespace);
    if (targets.length === 0) {
      return [];
    }
    const concerns = await this.rule(event);
    return targets.filter(concerns).map(target => target.entityRef);
  }

  private async rule(
    event: MlopsObjectEvent,
  ): Promise<(target: ModelTarget) => boolean> {
    switch (event.kind) {
      case 'pipelineruns': {
        const run = event.object as MlopsSlimObjects['pipelineruns'];
        return target => runBelongsTo(target, run);
      }
      case 'taskruns': {
        const taskRun = event.object as MlopsSlimObjects['taskruns'];
        const run = await this.runOf(event.cluster, taskRun);
        return target => run !== undefined && runBelongsTo(target, run);
      }
      case 'notebookvalidationjobs': {
        const job = event.object as MlopsSlimObjects['notebookvalidationjobs'];
        return target => validationJobBelongsTo(target, job);
      }
      case 'builds': {
        const build = event.object as MlopsSlimObjects['builds'];
        return target => buildBelongsTo(target, build);
      }
      case 'inferenceservices': {
        const isvc = event.object as MlopsSlimObjects['inferenceservices'];
        return target => inferenceServiceBelongsTo(target, isvc);
      }
      case 'notebooks': {
        const notebook = event.object as MlopsSlimObjects['notebooks'];
        return target => workbenchBelongsTo(target, notebook);
      }
      case 'pods':
      case 'events': {
        const service = await this.servingOf(event);
        return target =>
          service !== undefined &&
          target.coordinates.inferenceService === service;
      }
      default:
        return () => false;
    }
  }

  /** The InferenceService a Pod or an Event is about (through its pod), if any. */
  private async servingOf(
    event: MlopsObjectEvent,
  ): Promise<string | undefined> {
    if (event.kind === 'pods') {
      const pod = event.object as MlopsSlimObjects['pods'];
      return pod.metadata.labels?.[KSERVE_INFERENCE_SERVICE_POD_LABEL];
    }
    const { involvedObject, metadata } =
      event.object as MlopsSlimObjects['events'];
    if (involvedObject.kind === 'InferenceService') {
      return involvedObject.name;
    }
    const result = await this.store.query({
      cluster: event.cluster,
      kind: 'pods',
      namespace: metadata.namespace,
      name: involvedObject.name,
    });
    return result.items[0]?.metadata.labels?.[
      KSERVE_INFERENCE_SERVICE_POD_LABEL
    ];
  }

  private async runOf(
    cluster: string,
    taskRun: MlopsSlimObjects['taskruns'],
  ): Promise<SlimPipelineRun | undefined> {
    const name = taskRun.metadata.labels?.[TEKTON_PIPELINE_RUN_LABEL];
    if (!name) {
      return undefined;
    }
    const result = await this.store.query({
      cluster,
      kind: 'pipelineruns',
      namespace: taskRun.metadata.namespace,
      name,
    });
    return result.items[0];
  }
}
