import type { Entity } from '@backstage/catalog-model';
import {
  isMlModelEntity,
  isMlPipelineEntity,
  isNotebookEntity,
  MLOPS_ANNOTATION_NOTEBOOK_PATH,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';

/** Stands for "any cluster" in a key: entities that do not name their cluster. */
export const ANY_CLUSTER = '*';

/**
 * The cluster coordinates that identify what an entity describes, as lookup keys.
 * Discovered and hand-written entities that share a key describe the same thing.
 *
 * @internal
 */
export const coordinateKey = {
  modelName: (cluster: string, namespace: string, modelName: string) =>
    key('model', cluster, namespace, 'name', modelName),
  inferenceService: (cluster: string, namespace: string, name: string) =>
    key('model', cluster, namespace, 'isvc', name),
  pipeline: (cluster: string, namespace: string, name: string) =>
    key('pipeline', cluster, namespace, name),
  notebook: (cluster: string, namespace: string, path: string) =>
    key('notebook', cluster, namespace, path),
};

function key(type: string, cluster: string, ...rest: string[]): string {
  return [type, cluster, ...rest].map(encodeURIComponent).join('|');
}

/**
 * The same key for {@link ANY_CLUSTER}: what a hand-written entity that does not name
 * its cluster is filed under.
 *
 * @internal
 */
export function anyClusterKey(coordinate: string): string {
  const parts = coordinate.split('|');
  parts[1] = encodeURIComponent(ANY_CLUSTER);
  return parts.join('|');
}

/**
 * The keys of a (hand-written) model, pipeline or notebook entity, read with
 * `readMlopsCoordinates` like every tab reads them. An entity without
 * `mlops.backstage.io/cluster` gets {@link ANY_CLUSTER} keys. An entity whose
 * annotations do not read has no keys.
 *
 * @internal
 */
export function handWrittenKeys(entity: Entity): string[] {
  const result = readMlopsCoordinates(entity);
  if (!result.ok) {
    return [];
  }
  const { cluster = ANY_CLUSTER, namespace } = result.coordinates;
  if (isMlModelEntity(entity)) {
    const keys = [
      coordinateKey.modelName(cluster, namespace, result.coordinates.modelName),
    ];
    if (result.coordinates.inferenceService) {
      keys.push(
        coordinateKey.inferenceService(
          cluster,
          namespace,
          result.coordinates.inferenceService,
        ),
      );
    }
    return keys;
  }
  if (isMlPipelineEntity(entity)) {
    return [
      coordinateKey.pipeline(
        cluster,
        namespace,
        result.coordinates.trainingPipeline,
      ),
    ];
  }
  const path = entity.metadata.annotations?.[MLOPS_ANNOTATION_NOTEBOOK_PATH];
  if (isNotebookEntity(entity) && path) {
    return [coordinateKey.notebook(cluster, namespace, path)];
  }
  return [];
}
