import {
  type CompoundEntityRef,
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  getEntityRelations,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  describeAnnotationProblems,
  type MlopsModelSummary,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * One row of the ML Models page: a catalog entity and, once read, its summary.
 *
 * @internal
 */
export interface ModelRow {
  entity: Entity;
  entityRef: string;
  name: string;
  owners: CompoundEntityRef[];
  /** The owners in words (`humanizeEntityRef`), for the owner filter. */
  ownerNames: string[];
  /** The owners in words, joined, for the text filter and sorting. */
  owner: string;
  system: string;
  cluster?: string;
  namespace?: string;
  /** What is wrong with the entity's annotations, or the backend's problem. */
  problem?: string;
  summary?: MlopsModelSummary;
}

function stringField(entity: Entity, field: string): string | undefined {
  const value = entity.spec?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// spec.owner and spec.system may be short refs ("my-team"); EntityRefLink
// builds its link from the ref alone, so complete them here.
function refFromSpec(
  entity: Entity,
  field: string,
  defaultKind: string,
): CompoundEntityRef | undefined {
  const value = stringField(entity, field);
  if (!value) {
    return undefined;
  }
  try {
    return parseEntityRef(value, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace,
    });
  } catch {
    return undefined;
  }
}

// The ownedBy relations, or spec.owner while the catalog has not stitched them.
function ownersOf(entity: Entity): CompoundEntityRef[] {
  const relations = getEntityRelations(entity, RELATION_OWNED_BY);
  if (relations.length > 0) {
    return relations;
  }
  const specOwner = refFromSpec(entity, 'owner', 'group');
  return specOwner ? [specOwner] : [];
}

/**
 * The row of a model entity, with its summary when known. The namespace comes
 * from the entity's annotations; the summary's cluster, namespace and problem
 * win once read.
 *
 * @internal
 */
export function toModelRow(
  entity: Entity,
  summary?: MlopsModelSummary,
): ModelRow {
  const owners = ownersOf(entity);
  const ownerNames = owners.map(o =>
    humanizeEntityRef(o, { defaultKind: 'group' }),
  );
  const system = refFromSpec(entity, 'system', 'system');
  const coordinates = readMlopsCoordinates(entity);
  return {
    entity,
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.title ?? entity.metadata.name,
    owners,
    ownerNames,
    owner: ownerNames.join(', '),
    system: system ? humanizeEntityRef(system, { defaultKind: 'system' }) : '',
    cluster:
      summary?.cluster ??
      (coordinates.ok ? coordinates.coordinates.cluster : undefined),
    namespace:
      summary?.namespace ??
      (coordinates.ok ? coordinates.coordinates.namespace : undefined),
    problem:
      summary?.problem ??
      (coordinates.ok
        ? undefined
        : describeAnnotationProblems(coordinates.problems)),
    summary,
  };
}
