/**
 * Keys that the catalog module's discovery reads from cluster objects and namespaces
 * (as labels or annotations; an annotation wins over a label of the same key), and the
 * values they take. Label values cannot hold `:` or `/`, so entity refs such as
 * `group:default/ml-team` go in annotations.
 *
 * @packageDocumentation
 */

/**
 * `"false"` on an object or namespace keeps it out of the catalog; `"true"` opts it in
 * when discovery runs in opt-in mode.
 *
 * @public
 */
export const MLOPS_DISCOVERY_KEY = 'mlops.backstage.io/discover';

/**
 * Owner of the discovered entity (an entity ref or a group name).
 *
 * @public
 */
export const MLOPS_DISCOVERY_OWNER_KEY = 'mlops.backstage.io/owner';

/**
 * System the discovered entity belongs to.
 *
 * @public
 */
export const MLOPS_DISCOVERY_SYSTEM_KEY = 'mlops.backstage.io/system';

/**
 * Lifecycle of the discovered entity (`production`, `experimental`, …).
 *
 * @public
 */
export const MLOPS_DISCOVERY_LIFECYCLE_KEY = 'mlops.backstage.io/lifecycle';

/**
 * Description of the discovered entity.
 *
 * @public
 */
export const MLOPS_DISCOVERY_DESCRIPTION_KEY = 'mlops.backstage.io/description';

/**
 * Prefix of the `backstage.io/managed-by-location` of every discovered entity:
 * `mlops:cluster/<cluster name>`.
 *
 * @public
 */
export const MLOPS_DISCOVERY_LOCATION_PREFIX = 'mlops:cluster/';
