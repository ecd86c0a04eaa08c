import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { MlopsClustersResponse } from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsClusterRegistry,
  MlopsObjectStore,
} from '@backstage-mlops/plugin-mlops-node';
import Router from 'express-promise-router';

/**
 * `GET /clusters`: the clusters the backend is configured to reach (names only) and the
 * state of the watch cache per cluster and kind.
 *
 * @internal
 */
export function createClusterRoutes(options: {
  httpAuth: HttpAuthService;
  clusters: MlopsClusterRegistry;
  store: MlopsObjectStore;
}) {
  const { httpAuth, clusters, store } = options;
  const router = Router();
  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: MlopsClustersResponse = {
      status: 'ok',
      clusters: (await clusters.listClusters()).map(
        ({ name, title, authProvider, unusable }) => ({
          name,
          ...(title ? { title } : {}),
          authProvider,
          ...(unusable ? { unusable } : {}),
        }),
      ),
      cache: store.status().map(({ cluster, kind, freshness, objects }) => ({
        cluster,
        resource: kind,
        state: freshness.state,
        objects,
        ...(freshness.syncedAt ? { syncedAt: freshness.syncedAt } : {}),
        ...(freshness.staleSince ? { staleSince: freshness.staleSince } : {}),
      })),
    };
    res.json(body);
  });
  return router;
}
