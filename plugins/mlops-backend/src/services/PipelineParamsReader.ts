import { NotFoundError } from '@backstage/errors';
import type { MlopsTrainingPipelineParamsResponse } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsObjectStore } from '@backstage-mlops/plugin-mlops-node';
import { toPipelineParamSpecs } from '../mappers';
import type { ModelTarget } from './ModelAccess';

/**
 * Answers which params a model's training Pipeline declares (for the Run training
 * dialog), from the watch cache.
 *
 * @internal
 */
export class PipelineParamsReader {
  static create(options: { store: MlopsObjectStore }): PipelineParamsReader {
    return new PipelineParamsReader(options.store);
  }

  private constructor(private readonly store: MlopsObjectStore) {}

  async read(
    target: ModelTarget,
  ): Promise<MlopsTrainingPipelineParamsResponse> {
    const { cluster, coordinates, entityRef } = target;
    const pipeline = coordinates.trainingPipeline;
    const result = await this.store.query({
      cluster: cluster.name,
      namespace: coordinates.namespace,
      kind: 'pipelines',
      name: pipeline,
    });
    if (result.freshness.state === 'not-installed') {
      throw new NotFoundError(
        `Tekton Pipelines are not served by cluster ${cluster.name}, so ${entityRef} has no training Pipeline`,
      );
    }
    const [found] = result.items;
    if (!found) {
      throw new NotFoundError(
        `Pipeline ${pipeline} (the training pipeline of ${entityRef}) was not found in namespace ${coordinates.namespace} on cluster ${cluster.name}`,
      );
    }
    return {
      entityRef,
      cluster: cluster.name,
      namespace: coordinates.namespace,
      pipeline,
      params: toPipelineParamSpecs(found.spec.params ?? [], {
        modelName: coordinates.modelName,
        inferenceService: coordinates.inferenceService,
      }),
    };
  }
}
