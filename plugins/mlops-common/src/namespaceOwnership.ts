import {
  type Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const validator = makeValidator();

/**
 * Annotation of a Kubernetes **Namespace** (not of an entity): the owners whose
 * catalog entities may read and act in the namespace through the portal, as a
 * comma-separated list of user or group refs, e.g.
 * `group:default/data-science-team, user:default/jdoe`. A bare name is a group in the
 * `default` namespace (`data-science-team` is `group:default/data-science-team`).
 *
 * The portal reads and acts on every namespace with one identity of its own, and an
 * entity names its namespace itself; without this annotation, anyone who may register
 * a catalog entity could point it at another team's namespace. The entity's owner
 * (`spec.owner`) must be listed here, exactly (group membership is not expanded), or
 * in the cluster's `mlops.clusters[].allowedOwners` config. How strictly this is
 * checked is the backend setting `mlops.namespaceOwnership.enforce`.
 *
 * @public
 */
export const MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS =
  'mlops.backstage.io/allowed-owners';

/**
 * The owner refs of an allowed-owners list, and the items that are not user or group
 * refs (ignored: they vouch for nobody).
 *
 * @public
 */
export interface MlopsAllowedOwnersList {
  /** Normalized refs (`group:default/data-science-team`), lower-case, no duplicates. */
  owners: string[];
  /** One message per unusable item, naming it. */
  problems: string[];
}

/**
 * Normalizes one owner ref as the catalog's `ownedBy` relation spells it: a bare name
 * is a group, in `defaultNamespace`; lower-case. Undefined when it is not a ref.
 */
function normalizeOwnerRef(
  value: string,
  defaultNamespace: string,
): string | undefined {
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace,
    });
    if (
      !validator.isValidNamespace(ref.namespace) ||
      !validator.isValidEntityName(ref.name)
    ) {
      return undefined;
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Reads the owners an allowed-owners list names: the value of
 * {@link MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS} (comma- or space-separated) or the
 * entries of a configured list. Only `user` and `group` refs count; anything else is
 * reported in `problems` and vouches for nobody.
 *
 * @public
 */
export function parseAllowedOwners(
  value: string | readonly string[] | undefined,
): MlopsAllowedOwnersList {
  const items = (
    typeof value === 'string' ? value.split(/[\s,]+/) : value ?? []
  )
    .map(item => item.trim())
    .filter(Boolean);
  const owners = new Set<string>();
  const problems: string[] = [];
  for (const item of items) {
    const ref = normalizeOwnerRef(item, 'default');
    if (!ref || !/^(user|group):/.test(ref)) {
      problems.push(
        `${JSON.stringify(
          item,
        )} is not a user or group ref (e.g. group:default/my-team)`,
      );
      continue;
    }
    owners.add(ref);
  }
  return { owners: [...owners], problems };
}

/**
 * The owner of an entity as the catalog relates it (`ownedBy`): its `spec.owner`, a
 * bare name being a group in the entity's namespace; lower-case. Undefined when the
 * entity names no owner.
 *
 * @public
 */
export function entityOwnerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) {
    return undefined;
  }
  return normalizeOwnerRef(
    owner.trim(),
    entity.metadata.namespace ?? 'default',
  );
}

/**
 * What a namespace refusal says, besides its message: carried by the 403
 * (`NotAllowedError`) the backend answers when a namespace does not vouch for an
 * entity's owner, so that the UI shows it as a refusal to fix on the cluster, not as a
 * broken entity or a missing permission.
 *
 * @public
 */
export interface MlopsNamespaceRefusal {
  /** The cluster of the namespace. */
  cluster: string;
  /** The namespace that refused. */
  namespace: string;
  /** The entity's owner ref, when it has one. */
  owner?: string;
  /** The annotation to add the owner to ({@link MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS}). */
  annotation: string;
  /** What was refused: reading the namespace's objects, or acting on them. */
  use: 'read' | 'mutation';
}

/**
 * The property of the refusal error (and of its serialized form in the response body)
 * that holds the {@link MlopsNamespaceRefusal}.
 *
 * @public
 */
export const MLOPS_NAMESPACE_REFUSAL_PROPERTY = 'mlopsNamespaceRefusal';

/**
 * The namespace refusal an error carries: on the error itself (backend), or on its
 * cause (a frontend `ResponseError`, whose cause is the deserialized backend error).
 * Undefined for any other error.
 *
 * @public
 */
export function namespaceRefusalOf(
  error: unknown,
): MlopsNamespaceRefusal | undefined {
  for (
    let current = error, depth = 0;
    current && typeof current === 'object' && depth < 3;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const refusal = (current as Record<string, unknown>)[
      MLOPS_NAMESPACE_REFUSAL_PROPERTY
    ];
    if (isRefusal(refusal)) {
      return refusal;
    }
  }
  return undefined;
}

function isRefusal(value: unknown): value is MlopsNamespaceRefusal {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.cluster === 'string' &&
    typeof r.namespace === 'string' &&
    typeof r.annotation === 'string' &&
    (r.use === 'read' || r.use === 'mutation') &&
    (r.owner === undefined || typeof r.owner === 'string')
  );
}
