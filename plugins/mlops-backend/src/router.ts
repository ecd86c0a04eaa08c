import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type {
  MlopsClusterRegistry,
  MlopsObjectStore,
} from '@backstage-mlops/plugin-mlops-node';
import type express from 'express';
import Router from 'express-promise-router';
import { createEntityRoutes } from './routes/entityRoutes';
import { jsonBody } from './routes/jsonBody';
import { createClusterRoutes } from './routes/clusterRoutes';
import { createServingMetricsRoutes } from './routes/servingMetricsRoutes';
import { createSummaryRoutes } from './routes/summaryRoutes';
import type { HealthReader } from './services/HealthReader';
import type { LineageReader } from './services/LineageReader';
import type { ServingDiagnosisReader } from './services/ServingDiagnosisReader';
import type { ModelAccess } from './services/ModelAccess';
import type { PipelineParamsReader } from './services/PipelineParamsReader';
import type { ServingMetricsReader } from './services/ServingMetricsReader';
import type { SummaryReader } from './services/SummaryReader';
import type { TrainingReader } from './services/TrainingReader';

/**
 * What {@link createRouter} needs.
 *
 * @internal
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  clusters: MlopsClusterRegistry;
  store: MlopsObjectStore;
  access: ModelAccess;
  training: TrainingReader;
  pipelineParams: PipelineParamsReader;
  health: HealthReader;
  lineage: LineageReader;
  diagnosis: ServingDiagnosisReader;
  summary: SummaryReader;
  servingMetrics: ServingMetricsReader;
}

/**
 * The `/api/mlops` routes. Errors are thrown as `@backstage/errors` and turned into
 * responses by the backend's error handler.
 *
 * @internal
 */
export function createRouter(options: RouterOptions): express.Router {
  const router = Router();
  router.use(jsonBody('256kb'));
  router.use(createClusterRoutes(options));
  router.use(createEntityRoutes(options));
  router.use(createSummaryRoutes(options));
  router.use(createServingMetricsRoutes(options));
  return router;
}
