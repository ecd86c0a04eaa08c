import type { Entity } from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  describeAnnotationProblems,
  isMlModelEntity,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';

const MLOPS_ANNOTATION_PREFIX = 'mlops.backstage.io/';

/**
 * Checks the `mlops.backstage.io/*` annotations of catalog entities against the
 * naming rules of the cluster objects they name, so a typo is reported where the
 * entity is ingested (naming the annotation) instead of as an empty tab later.
 *
 * An `ml-model` entity is checked whenever it carries any mlops annotation; other
 * entities are left alone.
 *
 * @public
 */
export class MlopsEntityModelProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'MlopsEntityModelProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const carriesMlopsAnnotations = Object.keys(
      entity.metadata.annotations ?? {},
    ).some(key => key.startsWith(MLOPS_ANNOTATION_PREFIX));
    if (!isMlModelEntity(entity) || !carriesMlopsAnnotations) {
      return entity;
    }
    const result = readMlopsCoordinates(entity);
    if (!result.ok) {
      emit(
        processingResult.inputError(
          location,
          `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
            entity.metadata.name
          }: ${describeAnnotationProblems(result.problems)}`,
        ),
      );
    }
    return entity;
  }
}
