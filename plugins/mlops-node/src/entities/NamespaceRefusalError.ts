import { NotAllowedError } from '@backstage/errors';
import {
  MLOPS_NAMESPACE_REFUSAL_PROPERTY,
  type MlopsNamespaceRefusal,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * A namespace that does not allow an entity's owner: a `NotAllowedError` (403) whose
 * `mlopsNamespaceRefusal` property (serialized with the error into the response body)
 * says which namespace and annotation, so a UI can show it as a refusal to fix on the
 * cluster (mlops-common's `namespaceRefusalOf` reads it).
 *
 * @internal
 */
export class NamespaceRefusalError extends NotAllowedError {
  readonly [MLOPS_NAMESPACE_REFUSAL_PROPERTY]: MlopsNamespaceRefusal;

  constructor(message: string, refusal: MlopsNamespaceRefusal) {
    super(message);
    this[MLOPS_NAMESPACE_REFUSAL_PROPERTY] = refusal;
  }
}
