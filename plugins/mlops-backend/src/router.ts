import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { MlopsBackendStatusResponse } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';
import express from 'express';
import Router from 'express-promise-router';

/**
 * What {@link createRouter} needs.
 *
 * @internal
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  clusters: MlopsClusterRegistry;
}

/**
 * The `/api/mlops` routes. Errors are thrown as `@backstage/errors` and turned into
 * responses by the backend's error handler.
 *
 * @internal
 */
export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, clusters } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: MlopsBackendStatusResponse = {
      status: 'ok',
      clusters: clusters
        .listClusters()
        .map(({ name, source }) => ({ name, source })),
    };
    res.json(body);
  });

  return router;
}
