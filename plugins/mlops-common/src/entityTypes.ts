import type { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_NAMESPACE,
} from './annotations';

/**
 * `spec.type` of a model (`kind: Component`).
 *
 * @public
 */
export const MLOPS_ENTITY_TYPE_MODEL = 'ml-model';

/**
 * `spec.type` of a notebook (`kind: Component`, `spec.subcomponentOf` its model).
 *
 * @public
 */
export const MLOPS_ENTITY_TYPE_NOTEBOOK = 'notebook';

/**
 * `spec.type` of a training pipeline (`kind: Resource`; the model `dependsOn` it).
 *
 * @public
 */
export const MLOPS_ENTITY_TYPE_PIPELINE = 'ml-pipeline';

function hasKindAndType(entity: Entity, kind: string, type: string): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === kind &&
    entity.spec?.type === type
  );
}

/**
 * True for `kind: Component` entities with `spec.type: ml-model`.
 *
 * @public
 */
export function isMlModelEntity(entity: Entity): boolean {
  return hasKindAndType(entity, 'component', MLOPS_ENTITY_TYPE_MODEL);
}

/**
 * True for `kind: Component` entities with `spec.type: notebook`.
 *
 * @public
 */
export function isNotebookEntity(entity: Entity): boolean {
  return hasKindAndType(entity, 'component', MLOPS_ENTITY_TYPE_NOTEBOOK);
}

/**
 * True for `kind: Resource` entities with `spec.type: ml-pipeline`.
 *
 * @public
 */
export function isMlPipelineEntity(entity: Entity): boolean {
  return hasKindAndType(entity, 'resource', MLOPS_ENTITY_TYPE_PIPELINE);
}

/**
 * True when the entity carries an annotation that connects it to a cluster
 * namespace (`mlops.backstage.io/namespace`, or the Kubernetes plugin's
 * `backstage.io/kubernetes-namespace`, as `readMlopsCoordinates` reads them), so the
 * plugin's cluster features can work on it.
 *
 * @public
 */
export function isMlopsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[MLOPS_ANNOTATION_NAMESPACE] ??
      annotations[KUBERNETES_ANNOTATION_NAMESPACE],
  );
}
