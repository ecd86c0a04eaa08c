import type { SlimObjectMeta } from './objectMeta';

/**
 * A core `v1` Namespace, reduced to its metadata: its labels and annotations say which
 * owners' entities may use it (`mlops.backstage.io/allowed-owners`) and what catalog
 * discovery takes from it. Cluster-scoped: `metadata.namespace` is `''`.
 *
 * @public
 */
export interface SlimNamespace {
  /** Name, labels and annotations; `namespace` is `''`. */
  metadata: SlimObjectMeta;
}
