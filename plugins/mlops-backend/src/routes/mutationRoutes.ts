import { InputError } from '@backstage/errors';
import {
  dns1123SubdomainSchema,
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  MLOPS_ANNOTATION_WORKBENCH,
  mlopsBuildStartPermission,
  mlopsCancelTrainingRequestSchema,
  mlopsNotebookValidatePermission,
  mlopsRerunTrainingRequestSchema,
  mlopsRunTrainingRequestSchema,
  mlopsServingRestartPermission,
  mlopsDryRunOnlyRequestSchema,
  mlopsTrainingCancelPermission,
  mlopsTrainingRunPermission,
  mlopsValidateNotebookRequestSchema,
  mlopsWorkbenchManagePermission,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterWrites } from '@backstage-mlops/plugin-mlops-node';
import type { Request } from 'express';
import { z } from 'zod';
import Router from 'express-promise-router';
import type { ModelTarget } from '../services/ModelAccess';
import { jsonBody } from './jsonBody';
import { parseInput } from './parseInput';
import { type MutationRouteDeps, runMutation } from './runMutation';

/**
 * What {@link createMutationRoutes} needs.
 *
 * @internal
 */
export interface MutationRoutesOptions extends MutationRouteDeps {
  clusterWrites: MlopsClusterWrites;
}

const ENTITY = '/entity/:kind/:namespace/:name/mutations';

/** The coordinates every cluster write takes, from the resolved entity. */
function where(target: ModelTarget, triggeredBy: string, dryRun?: boolean) {
  return {
    cluster: target.cluster.name,
    namespace: target.coordinates.namespace,
    triggeredBy,
    dryRun,
  };
}

/** A name the entity's annotation must give, or an InputError naming it. */
function required(
  value: string | undefined,
  target: ModelTarget,
  annotation: string,
): string {
  if (!value) {
    throw new InputError(
      `${target.entityRef} has no annotation ${annotation}, so this action has nothing to act on`,
    );
  }
  return value;
}

const runPath = z.object({ run: dns1123SubdomainSchema });

function runName(req: Request): string {
  return parseInput(runPath, req.params, 'path').run;
}

/**
 * The mutation routes, `POST /entity/:kind/:namespace/:name/mutations/…`: run training,
 * rerun and cancel a run, start a build, validate the notebook, restart serving,
 * start and stop the workbench. Each is gated by its permission from mlops-common
 * with the entity as resource, audited, and idempotent with an `Idempotency-Key`
 * header (see {@link runMutation}).
 *
 * @internal
 */
export function createMutationRoutes(options: MutationRoutesOptions) {
  const { clusterWrites } = options;
  const router = Router();
  router.use(jsonBody('64kb'));

  router.post(`${ENTITY}/run-training`, (req, res) =>
    runMutation(
      options,
      {
        action: 'run-training',
        permission: mlopsTrainingRunPermission,
        body: mlopsRunTrainingRequestSchema,
        status: 201,
        execute: ({ target, body, triggeredBy }) =>
          clusterWrites.runTraining({
            ...where(target, triggeredBy, body.dryRun),
            modelName: target.coordinates.modelName,
            pipeline: target.coordinates.trainingPipeline,
            inferenceService: target.coordinates.inferenceService,
            params: body.params,
          }),
      },
      req,
      res,
    ),
  );

  router.post(`${ENTITY}/runs/:run/rerun`, (req, res) =>
    runMutation(
      options,
      {
        action: 'rerun-training',
        permission: mlopsTrainingRunPermission,
        body: mlopsRerunTrainingRequestSchema,
        status: 201,
        execute: ({ target, body, triggeredBy }) =>
          clusterWrites.rerunTraining({
            ...where(target, triggeredBy, body.dryRun),
            modelName: target.coordinates.modelName,
            runName: runName(req),
            params: body.params,
          }),
      },
      req,
      res,
    ),
  );

  router.post(`${ENTITY}/runs/:run/cancel`, (req, res) =>
    runMutation(
      options,
      {
        action: 'cancel-training',
        permission: mlopsTrainingCancelPermission,
        body: mlopsCancelTrainingRequestSchema,
        status: 200,
        execute: ({ target, body, triggeredBy }) =>
          clusterWrites.cancelTraining({
            ...where(target, triggeredBy, body.dryRun),
            modelName: target.coordinates.modelName,
            runName: runName(req),
            mode: body.mode,
          }),
      },
      req,
      res,
    ),
  );

  router.post(`${ENTITY}/start-build`, (req, res) =>
    runMutation(
      options,
      {
        action: 'start-build',
        permission: mlopsBuildStartPermission,
        body: mlopsDryRunOnlyRequestSchema,
        status: 201,
        execute: ({ target, body, triggeredBy }) =>
          clusterWrites.startBuild({
            ...where(target, triggeredBy, body.dryRun),
            buildConfig: required(
              target.coordinates.buildConfig,
              target,
              MLOPS_ANNOTATION_BUILD_CONFIG,
            ),
          }),
      },
      req,
      res,
    ),
  );

  router.post(`${ENTITY}/validate-notebook`, (req, res) =>
    runMutation(
      options,
      {
        action: 'validate-notebook',
        permission: mlopsNotebookValidatePermission,
        body: mlopsValidateNotebookRequestSchema,
        status: 201,
        execute: ({ target, body, triggeredBy }) =>
          clusterWrites.validateNotebook({
            ...where(target, triggeredBy, body.dryRun),
            modelName: target.coordinates.modelName,
            from: body.from,
            gitRef: body.gitRef,
          }),
      },
      req,
      res,
    ),
  );

  router.post(`${ENTITY}/restart-serving`, (req, res) =>
    runMutation(
      options,
      {
        action: 'restart-serving',
        permission: mlopsServingRestartPermission,
        body: mlopsDryRunOnlyRequestSchema,
        status: 200,
        execute: ({ target, body, triggeredBy }) =>
          clusterWrites.restartServing({
            ...where(target, triggeredBy, body.dryRun),
            inferenceService: required(
              target.coordinates.inferenceService,
              target,
              MLOPS_ANNOTATION_INFERENCE_SERVICE,
            ),
          }),
      },
      req,
      res,
    ),
  );

  for (const verb of ['start', 'stop'] as const) {
    router.post(`${ENTITY}/workbench/${verb}`, (req, res) =>
      runMutation(
        options,
        {
          action: `${verb}-workbench`,
          permission: mlopsWorkbenchManagePermission,
          body: mlopsDryRunOnlyRequestSchema,
          status: 200,
          execute: ({ target, body, triggeredBy }) => {
            const request = {
              ...where(target, triggeredBy, body.dryRun),
              workbench: required(
                target.coordinates.workbench,
                target,
                MLOPS_ANNOTATION_WORKBENCH,
              ),
            };
            return verb === 'start'
              ? clusterWrites.startWorkbench(request)
              : clusterWrites.stopWorkbench(request);
          },
        },
        req,
        res,
      ),
    );
  }

  return router;
}
