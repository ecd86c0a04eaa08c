import type { Entity } from '@backstage/catalog-model';
import type { MlopsModelCoordinates } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterDescriptor } from '../clusters/types';

/**
 * How strictly a namespace's allowed owners are enforced
 * (`mlops.namespaceOwnership.enforce`):
 *
 * - `off`: never checked (an entity may use any namespace its annotations name);
 * - `mutations` (the default): an entity whose owner the namespace does not allow may
 *   still read the namespace's objects, but acts on none of them;
 * - `reads-and-mutations`: such an entity reads nothing there either (its tabs, live
 *   updates and logs are refused too).
 *
 * @public
 */
export type MlopsNamespaceOwnershipEnforcement =
  | 'off'
  | 'mutations'
  | 'reads-and-mutations';

/**
 * What an entity is resolved for: reading cluster objects (tabs, summaries, live
 * updates, logs) or changing them (run training, restart serving, a scaffolder run…).
 *
 * @public
 */
export type MlopsEntityUse = 'read' | 'mutation';

/**
 * Where an entity's objects are: its coordinates and its configured cluster, checked
 * against its namespace's allowed owners as the enforcement setting asks.
 *
 * @public
 */
export interface MlopsEntityTarget {
  /** The entity's ref (`component:default/churn-predictor`). */
  entityRef: string;
  /** Where its objects are, read from its annotations. */
  coordinates: MlopsModelCoordinates;
  /** The configured cluster its annotations name (or the only one). */
  cluster: MlopsClusterDescriptor;
}

/**
 * The one place that resolves a catalog entity to cluster coordinates, for every
 * backstage-mlops piece (the backend's routes, its actions registry, live updates and
 * logs, and the scaffolder module's actions): the entity's annotations, its configured
 * cluster, and whether the namespace allows the entity's owner.
 *
 * @public
 */
export interface MlopsEntityResolver {
  /** The enforcement setting in effect. */
  readonly enforcement: MlopsNamespaceOwnershipEnforcement;
  /**
   * The entity's target for a use. Throws `InputError` naming the annotation that is
   * missing or invalid, or the cluster that is not configured; `NotAllowedError`
   * (carrying an `MlopsNamespaceRefusal`, see mlops-common's `namespaceRefusalOf`)
   * naming the namespace and the annotation to add when the namespace does not allow
   * the entity's owner and the setting enforces it for this use. The namespace is read
   * from the watch cache: no API request once Namespaces are synced.
   */
  resolve(entity: Entity, use: MlopsEntityUse): Promise<MlopsEntityTarget>;
  /**
   * The owners a namespace allows (normalized refs): those its
   * `mlops.backstage.io/allowed-owners` annotation names (given as the caller read
   * them) and those `mlops.clusters[].allowedOwners` lists for it.
   */
  allowedOwners(
    cluster: string,
    namespace: string,
    annotations: Readonly<Record<string, string>> | undefined,
  ): string[];
}
