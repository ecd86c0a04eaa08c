import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isMlModelEntity,
  isMlPipelineEntity,
  mlopsTrainingQuerySchema,
} from '@backstage-mlops/plugin-mlops-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import type { HealthReader } from '../services/HealthReader';
import type { LineageReader } from '../services/LineageReader';
import { ModelAccess } from '../services/ModelAccess';
import type { PipelineParamsReader } from '../services/PipelineParamsReader';
import type { ServingDiagnosisReader } from '../services/ServingDiagnosisReader';
import type { TrainingReader } from '../services/TrainingReader';
import { parseInput } from './parseInput';

/**
 * What {@link createEntityRoutes} needs.
 *
 * @internal
 */
export interface EntityRoutesOptions {
  httpAuth: HttpAuthService;
  access: ModelAccess;
  training: TrainingReader;
  pipelineParams: PipelineParamsReader;
  health: HealthReader;
  lineage: LineageReader;
  diagnosis: ServingDiagnosisReader;
}

type EntityPathParams = { kind: string; namespace: string; name: string };

/**
 * `GET /entity/:kind/:namespace/:name/training`, `…/training/pipeline-params` (the
 * params the training Pipeline declares, for the Run training dialog) and
 * `…/health`, `…/health/diagnosis` (the serving diagnosis: progress, Events, pods,
 * drift) and `…/lineage` (which run, image and commit the served model comes from):
 * the Training and Health tabs of one entity, answered from the watch cache
 * with catalog read permission on the entity.
 *
 * @internal
 */
export function createEntityRoutes(options: EntityRoutesOptions) {
  const {
    httpAuth,
    access,
    training,
    pipelineParams,
    health,
    lineage,
    diagnosis,
  } = options;
  const router = Router();

  router.get('/entity/:kind/:namespace/:name/training', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(mlopsTrainingQuerySchema, req.query, 'query');
    const target = await access.resolve(
      ModelAccess.parseRef(req.params),
      credentials,
      'read',
    );
    if (!isMlModelEntity(target.entity) && !isMlPipelineEntity(target.entity)) {
      throw new InputError(
        `${target.entityRef} is not an ml-model Component or an ml-pipeline Resource`,
      );
    }
    res.json(await training.read(target, query));
  });

  /** The ml-model entity of the path, with the caller's catalog read permission. */
  const resolveModel = async (req: Request<EntityPathParams>) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const target = await access.resolve(
      ModelAccess.parseRef(req.params),
      credentials,
      'read',
    );
    if (!isMlModelEntity(target.entity)) {
      throw new InputError(`${target.entityRef} is not an ml-model Component`);
    }
    return target;
  };

  router.get(
    '/entity/:kind/:namespace/:name/training/pipeline-params',
    async (req, res) => {
      res.json(await pipelineParams.read(await resolveModel(req)));
    },
  );

  router.get('/entity/:kind/:namespace/:name/health', async (req, res) => {
    res.json(await health.read(await resolveModel(req)));
  });

  router.get('/entity/:kind/:namespace/:name/lineage', async (req, res) => {
    res.json(await lineage.read(await resolveModel(req)));
  });
  router.get(
    '/entity/:kind/:namespace/:name/health/diagnosis',
    async (req, res) => {
      res.json(await diagnosis.read(await resolveModel(req)));
    },
  );

  return router;
}
