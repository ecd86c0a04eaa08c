import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { normalizeMlopsEntityRef } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsObjectStore } from '@backstage-mlops/plugin-mlops-node';
import type { CatalogModelIndex } from '../ownership/CatalogModelIndex';
import type { EntityChangeSignals } from './EntityChangeSignals';

/**
 * Live updates: ONE subscription to the object store (the watch cache) for the whole
 * backend; each change is mapped to the entities it concerns by the plugin's one rule
 * ({@link CatalogModelIndex.targetsOf}: `ml-model` Components and `ml-pipeline`
 * Resources) and signalled under their normalized refs, coalesced per entity. Viewers
 * add no load here: the signals backend fans the message out. Returns the function
 * that stops it.
 *
 * @internal
 */
export function publishEntityChanges(options: {
  store: MlopsObjectStore;
  index: CatalogModelIndex;
  signals: EntityChangeSignals;
  logger: LoggerService;
}): () => void {
  const { store, index, signals, logger } = options;
  const unsubscribe = store.subscribe(event => {
    index.targetsOf(event.cluster, event.kind, event.object).then(
      targets =>
        targets.forEach(target =>
          signals.changed(normalizeMlopsEntityRef(target.entityRef)),
        ),
      error =>
        logger.warn(
          `live updates: cannot map the change of ${event.kind} ${
            event.object.metadata.namespace
          }/${event.object.metadata.name} on ${
            event.cluster
          } to its entities: ${stringifyError(error)}`,
        ),
    );
  });
  return () => {
    unsubscribe();
    signals.stop();
  };
}
