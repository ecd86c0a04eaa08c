import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import type { HandWrittenIndex } from '../providers/HandWrittenIndex';

/**
 * Tells the hand-written index about every entity the catalog processes on this
 * replica, when processing starts and when it has passed every processor: a
 * hand-written model, pipeline or notebook is then known to discovery before the
 * catalog has made it readable, and discovery can start as soon as the catalog's own
 * ingestion has ended. Changes nothing.
 *
 * @internal
 */
export class HandWrittenProcessingObserver implements CatalogProcessor {
  constructor(private readonly index: HandWrittenIndex) {}

  getProcessorName(): string {
    return 'MlopsHandWrittenProcessingObserver';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    this.index.noteProcessingStarted(entity);
    return entity;
  }

  async postProcessEntity(entity: Entity): Promise<Entity> {
    this.index.noteProcessed(entity);
    return entity;
  }
}
