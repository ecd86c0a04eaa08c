import type { Entity } from '@backstage/catalog-model';
import {
  MLOPS_ENTITY_TYPE_MODEL,
  MLOPS_ENTITY_TYPE_NOTEBOOK,
  MLOPS_ENTITY_TYPE_PIPELINE,
} from '@backstage-mlops/plugin-mlops-common';

const RANK: Record<string, number> = {
  [MLOPS_ENTITY_TYPE_PIPELINE]: 0,
  [MLOPS_ENTITY_TYPE_MODEL]: 1,
  [MLOPS_ENTITY_TYPE_NOTEBOOK]: 2,
};

function rank(entity: Entity): number {
  const type = entity.spec?.type;
  return typeof type === 'string' && type in RANK ? RANK[type] : 3;
}

/**
 * Orders the entities of a mutation: training pipelines, then models, then notebooks
 * (stable within each). The catalog processes newly added entities in the order they
 * were stored (they share the same due time), so with this order every model of a
 * large discovery is readable, with its own relations, before the first notebook is
 * processed, instead of both kinds finishing together at the end.
 *
 * @internal
 */
export function inEmissionOrder<T extends { entity: Entity }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item.entity) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ item }) => item);
}
