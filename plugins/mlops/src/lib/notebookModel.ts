import {
  type CompoundEntityRef,
  type Entity,
  parseEntityRef,
  RELATION_PART_OF,
} from '@backstage/catalog-model';

/**
 * The model a notebook belongs to: its `spec.subcomponentOf`, or, failing
 * that, the Component it is `partOf` (the relation the catalog derives from it).
 *
 * @internal
 */
export function notebookModelRef(
  entity: Entity,
): CompoundEntityRef | undefined {
  const subcomponentOf = entity.spec?.subcomponentOf;
  if (typeof subcomponentOf === 'string' && subcomponentOf !== '') {
    try {
      return parseEntityRef(subcomponentOf, {
        defaultKind: 'component',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
    } catch {
      // Fall back to the relations.
    }
  }
  for (const relation of entity.relations ?? []) {
    if (relation.type !== RELATION_PART_OF) {
      continue;
    }
    const target = parseEntityRef(relation.targetRef);
    if (target.kind.toLocaleLowerCase('en-US') === 'component') {
      return target;
    }
  }
  return undefined;
}

/**
 * A notebook path as the validation jobs and the annotation may spell it,
 * made comparable: no leading `./` or `/`, no surrounding spaces.
 *
 * @internal
 */
export function normalizeNotebookPath(path: string): string {
  return path.trim().replace(/^(\.\/|\/)+/, '');
}
