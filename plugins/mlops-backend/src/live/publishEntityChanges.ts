import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { MlopsObjectStore } from '@backstage-mlops/plugin-mlops-node';
import type { EntityChangeMapper } from './EntityChangeMapper';
import type { EntityChangeSignals } from './EntityChangeSignals';

/**
 * Live updates: ONE subscription to the object store (the watch cache) for the whole
 * backend; each change is mapped to the entities it concerns and signalled, coalesced
 * per entity. Viewers add no load here: the signals backend fans the message out.
 * Returns the function that stops it.
 *
 * @internal
 */
export function publishEntityChanges(options: {
  store: MlopsObjectStore;
  mapper: EntityChangeMapper;
  signals: EntityChangeSignals;
  logger: LoggerService;
}): () => void {
  const { store, mapper, signals, logger } = options;
  const unsubscribe = store.subscribe(event => {
    mapper.entityRefsOf(event).then(
      refs => refs.forEach(ref => signals.changed(ref)),
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
