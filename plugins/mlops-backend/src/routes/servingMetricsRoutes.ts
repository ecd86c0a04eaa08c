import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isMlModelEntity,
  mlopsServingMetricsQuerySchema,
  mlopsSummaryRequestSchema,
  type MlopsServingDayResponse,
} from '@backstage-mlops/plugin-mlops-common';
import Router from 'express-promise-router';
import { ModelAccess } from '../services/ModelAccess';
import type { ServingMetricsReader } from '../services/ServingMetricsReader';
import { parseInput } from './parseInput';

/**
 * `GET /entity/:kind/:namespace/:name/serving-metrics?window=1h|24h|7d`: the serving
 * metrics of a model's InferenceService (Health tab), and `POST /serving-metrics/day`
 * (body `{ entityRefs }`): the last 24 h of many models (ML Models page). Both need
 * catalog read permission on each entity and query the Prometheus configured for its
 * cluster; a cluster without one is a 404 naming `mlops.clusters[].prometheus.url`,
 * an unreachable or failing Prometheus a 503 with the reason.
 *
 * @internal
 */
export function createServingMetricsRoutes(options: {
  httpAuth: HttpAuthService;
  access: ModelAccess;
  servingMetrics: ServingMetricsReader;
}) {
  const { httpAuth, access, servingMetrics } = options;
  const router = Router();

  router.get(
    '/entity/:kind/:namespace/:name/serving-metrics',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { window } = parseInput(
        mlopsServingMetricsQuerySchema,
        req.query,
        'query',
      );
      const target = await access.resolve(
        ModelAccess.parseRef(req.params),
        credentials,
        'read',
      );
      if (!isMlModelEntity(target.entity)) {
        throw new InputError(
          `${target.entityRef} is not an ml-model Component`,
        );
      }
      res.json(await servingMetrics.read(target, window));
    },
  );

  router.post('/serving-metrics/day', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRefs } = parseInput(
      mlopsSummaryRequestSchema,
      req.body,
      'request body',
    );
    const resolved = await access.resolveMany(entityRefs, credentials);
    const response: MlopsServingDayResponse = {
      items: await servingMetrics.day(resolved),
    };
    res.json(response);
  });

  return router;
}
