import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { serializeError, ServiceUnavailableError } from '@backstage/errors';
import { mlopsSummaryRequestSchema } from '@backstage-mlops/plugin-mlops-common';
import Router from 'express-promise-router';
import type { SummaryReader } from '../services/SummaryReader';
import { parseInput } from './parseInput';

/**
 * `POST /summary`: summaries of many model entities in one request (the models page,
 * catalog tables). When a cluster cannot be reached the answer is a 503 whose body is
 * Backstage's standard error body plus the partial results of the other clusters.
 *
 * @internal
 */
export function createSummaryRoutes(options: {
  httpAuth: HttpAuthService;
  summary: SummaryReader;
}) {
  const { httpAuth, summary } = options;
  const router = Router();

  router.post('/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRefs } = parseInput(
      mlopsSummaryRequestSchema,
      req.body,
      'request body',
    );
    const { response, unreachableClusters } = await summary.read(
      entityRefs,
      credentials,
    );
    if (unreachableClusters.length === 0) {
      res.json(response);
      return;
    }
    const error = new ServiceUnavailableError(
      `cluster ${unreachableClusters.join(
        ', ',
      )} could not be reached and nothing of it is cached; the other clusters' results are included`,
    );
    res.status(503).json({
      error: serializeError(error, { includeStack: false }),
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 503 },
      ...response,
    });
  });

  return router;
}
