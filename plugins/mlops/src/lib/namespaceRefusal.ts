import {
  type MlopsNamespaceRefusal,
  namespaceRefusalOf,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * The namespace refusal of an error of the mlops backend (a 403 whose namespace does
 * not allow the entity's owner), with a title that says so; undefined for any other
 * error.
 *
 * @internal
 */
export function namespaceRefusal(
  error: unknown,
): (MlopsNamespaceRefusal & { title: string }) | undefined {
  const refusal = namespaceRefusalOf(error);
  return refusal
    ? {
        ...refusal,
        title: `Namespace ${refusal.namespace} does not allow this entity's owner`,
      }
    : undefined;
}
