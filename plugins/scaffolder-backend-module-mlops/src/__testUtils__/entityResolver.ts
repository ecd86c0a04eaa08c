import type { Config } from '@backstage/config';
import {
  DefaultMlopsClusterRegistry,
  DefaultMlopsEntityResolver,
  type MlopsObjectStore,
} from '@backstage-mlops/plugin-mlops-node';

/**
 * mlops-node's entity resolver for unit tests: the clusters of `config`, and the
 * Namespaces of its watch cache replaced by `namespaces` (name → annotations, on every
 * cluster). Integration suites use the real object store instead.
 */
export function entityResolver(
  config: Config,
  namespaces: Record<string, Record<string, string>> = {},
) {
  const store: MlopsObjectStore = {
    async query(query) {
      const annotations =
        query.kind === 'namespaces' ? namespaces[query.name ?? ''] : undefined;
      const items = annotations
        ? [
            {
              metadata: {
                name: query.name!,
                namespace: '',
                uid: `uid-${query.name}`,
                resourceVersion: '1',
                annotations,
              },
            },
          ]
        : [];
      return {
        items: items as never,
        freshness: { state: 'fresh' },
        source: 'cache',
      };
    },
    status: () => [],
    subscribe: () => () => {},
  };
  return DefaultMlopsEntityResolver.fromConfig(config, {
    clusters: DefaultMlopsClusterRegistry.fromConfig(config),
    store,
  });
}
