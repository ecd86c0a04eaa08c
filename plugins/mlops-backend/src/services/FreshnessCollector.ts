import type {
  MlopsFreshness,
  MlopsNotInstalled,
} from '@backstage-mlops/plugin-mlops-common';
import {
  MLOPS_RESOURCE_KINDS,
  type MlopsObjectQueryResult,
  type MlopsResourceKindId,
} from '@backstage-mlops/plugin-mlops-node';

const WORSE: Record<MlopsFreshness['state'], number> = {
  fresh: 0,
  syncing: 1,
  stale: 2,
};

function earliest(a?: string, b?: string): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/**
 * Folds the per-kind freshness of the store's answers into what a response says per
 * cluster: the worst state, the oldest `syncedAt`, the earliest `staleSince`, and a
 * "not installed" entry for each kind the cluster does not serve.
 *
 * @internal
 */
export class FreshnessCollector {
  private readonly byCluster = new Map<string, MlopsFreshness>();
  private readonly notInstalled = new Map<string, MlopsNotInstalled>();

  /** Records one store answer and returns its items. */
  add<K extends MlopsResourceKindId>(
    cluster: string,
    kind: K,
    result: MlopsObjectQueryResult<K>,
  ): MlopsObjectQueryResult<K>['items'] {
    const { freshness } = result;
    if (freshness.state === 'not-installed') {
      const { group, version, plural } = MLOPS_RESOURCE_KINDS[kind];
      this.notInstalled.set(`${cluster}/${plural}`, {
        cluster,
        apiVersion: group ? `${group}/${version}` : version,
        resource: plural,
        message:
          freshness.reason ??
          `${group}/${version} ${plural} is not served by cluster ${cluster}`,
      });
      return result.items;
    }
    const current = this.byCluster.get(cluster);
    const next: MlopsFreshness = {
      cluster,
      state:
        current && WORSE[current.state] > WORSE[freshness.state]
          ? current.state
          : freshness.state,
    };
    const syncedAt = current
      ? earliest(current.syncedAt, freshness.syncedAt)
      : freshness.syncedAt;
    const staleSince = earliest(current?.staleSince, freshness.staleSince);
    const message = freshness.reason ?? current?.message;
    if (syncedAt) next.syncedAt = syncedAt;
    if (staleSince) next.staleSince = staleSince;
    if (message && next.state !== 'fresh') next.message = message;
    this.byCluster.set(cluster, next);
    return result.items;
  }

  /** A cluster that could not be reached at all. */
  unreachable(cluster: string, message: string): void {
    this.byCluster.set(cluster, { cluster, state: 'stale', message });
  }

  freshness(): MlopsFreshness[] {
    return [...this.byCluster.values()];
  }

  notInstalledKinds(): MlopsNotInstalled[] {
    return [...this.notInstalled.values()];
  }
}
