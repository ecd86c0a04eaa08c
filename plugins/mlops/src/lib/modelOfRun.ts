import type { Entity } from '@backstage/catalog-model';
import {
  isMlModelEntity,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * Finds the model entity a training run trains among `models` (e.g. the models
 * that depend on a pipeline): a model whose coordinates name the run's namespace
 * and `model-name` label, and, when both the model and `cluster` name one, the same
 * cluster. Entities that are not models or whose annotations do not read are
 * skipped.
 *
 * @internal
 */
export function modelOfRunFinder(
  models: readonly Entity[],
  cluster?: string,
): (run: { namespace: string; modelName?: string }) => Entity | undefined {
  const byKey = new Map<string, Entity>();
  for (const model of models) {
    if (!isMlModelEntity(model)) continue;
    const read = readMlopsCoordinates(model);
    if (!read.ok) continue;
    const { namespace, modelName, cluster: modelCluster } = read.coordinates;
    if (cluster && modelCluster && modelCluster !== cluster) continue;
    const key = `${namespace}\u0000${modelName}`;
    if (!byKey.has(key)) byKey.set(key, model);
  }
  return run =>
    run.modelName === undefined
      ? undefined
      : byKey.get(`${run.namespace}\u0000${run.modelName}`);
}
