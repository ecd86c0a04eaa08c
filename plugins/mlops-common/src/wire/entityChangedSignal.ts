import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * The Backstage Signals channel on which the mlops backend says that cluster objects
 * of an entity changed (`@backstage/plugin-signals-node` publishes, the browser
 * subscribes through `@backstage/plugin-signals-react`). A view of that entity then
 * reads again through the permission-checked `/api/mlops` routes.
 *
 * @public
 */
export const MLOPS_ENTITY_CHANGED_CHANNEL = 'mlops:entity-changed';

/**
 * The message of {@link MLOPS_ENTITY_CHANGED_CHANNEL}: only the ref of the entity
 * whose cluster objects changed (normalized: lower case,
 * `component:default/anomaly-detector`), never what changed. It is broadcast to every
 * signed-in browser that subscribes, which is why it carries nothing else.
 *
 * @public
 */
export type MlopsEntityChangedSignal = {
  entityRef: string;
};

const entityChangedSignalSchema = z.object({ entityRef: z.string().min(1) });

/**
 * An entity ref as the entity-changed signal carries it: `kind:namespace/name` in lower
 * case (catalog refs compare case-insensitively). Throws for a malformed ref.
 *
 * @public
 */
export function normalizeMlopsEntityRef(
  ref: string | { kind: string; namespace?: string; name: string },
): string {
  return stringifyEntityRef(
    typeof ref === 'string' ? parseEntityRef(ref) : ref,
  ).toLocaleLowerCase('en-US');
}

/**
 * Reads a message received on {@link MLOPS_ENTITY_CHANGED_CHANNEL}; `undefined` when it
 * is not an entity-changed signal (a browser ignores what it cannot read).
 *
 * @public
 */
export function readMlopsEntityChangedSignal(
  message: unknown,
): MlopsEntityChangedSignal | undefined {
  const parsed = entityChangedSignalSchema.safeParse(message);
  return parsed.success ? { entityRef: parsed.data.entityRef } : undefined;
}
