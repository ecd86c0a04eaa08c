import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { isMlModelEntity } from '@backstage-mlops/plugin-mlops-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { LogSources } from '../logs/LogSources';
import type { LogStreamer } from '../logs/LogStreamer';
import { ModelAccess } from '../services/ModelAccess';
import { parseInput } from './parseInput';

/**
 * What {@link createLogRoutes} needs.
 *
 * @internal
 */
export interface LogRoutesOptions {
  httpAuth: HttpAuthService;
  access: ModelAccess;
  sources: LogSources;
  streamer: LogStreamer;
}

const booleanText = (field: string) =>
  z.enum(['true', 'false', '1', '0'], {
    error: `${field} must be true or false`,
  });
const integerText = (field: string, min: number, max: number) =>
  z
    .string({ error: `${field} must be one whole number` })
    .regex(/^\d+$/, `${field} must be a whole number from ${min}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `${field} must be at least ${min}`)
        .max(max, `${field} must be at most ${max}`),
    );

const logQuerySchema = z.object({
  follow: booleanText('follow')
    .transform(value => value === 'true' || value === '1')
    .optional(),
  tailLines: integerText('tailLines', 0, 1_000_000).optional(),
  limitBytes: integerText('limitBytes', 1, Number.MAX_SAFE_INTEGER).optional(),
  sinceTime: z.iso
    .datetime({
      offset: true,
      error: 'sinceTime must be an RFC 3339 time, e.g. 2026-01-02T03:04:05Z',
    })
    .optional(),
});

const nameSchema = (field: string) =>
  z
    .string()
    .max(253, `${field} must be at most 253 characters`)
    .regex(
      /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
      `${field} must be a Kubernetes name (lower-case letters, digits, '-', '.')`,
    );

/**
 * The logs of a model's runs, read through the entity (catalog read permission) and
 * only for objects that belong to it:
 *
 * - `GET /entity/:kind/:namespace/:name/taskruns/:taskRun/steps/:step/log` — a step of
 *   a TaskRun of one of its PipelineRuns (container `step-<step>` of the TaskRun's pod);
 * - `GET /entity/:kind/:namespace/:name/builds/:build/log` — a Build of its BuildConfig;
 * - `GET /entity/:kind/:namespace/:name/serving-pods/:pod/containers/:container/log` — a
 *   container of a pod of its InferenceService.
 *
 * Query: `follow=true` (stream while it runs), `tailLines`, `limitBytes` (at most
 * `mlops.logs.maxKilobytes`), `sinceTime`. The answer is chunked `text/plain`.
 *
 * @internal
 */
export function createLogRoutes(options: LogRoutesOptions) {
  const { httpAuth, access, sources, streamer } = options;
  const router = Router();

  async function modelTarget(req: Request<Record<string, string>>) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const target = await access.resolve(
      ModelAccess.parseRef({
        kind: req.params.kind,
        namespace: req.params.namespace,
        name: req.params.name,
      }),
      credentials,
      'read',
    );
    if (!isMlModelEntity(target.entity)) {
      throw new InputError(`${target.entityRef} is not an ml-model Component`);
    }
    return target;
  }

  router.get(
    '/entity/:kind/:namespace/:name/taskruns/:taskRun/steps/:step/log',
    async (req, res) => {
      const target = await modelTarget(req);
      const taskRun = parseInput(
        nameSchema('taskRun'),
        req.params.taskRun,
        'path',
      );
      const step = parseInput(nameSchema('step'), req.params.step, 'path');
      const query = parseInput(logQuerySchema, req.query, 'query');
      const source = await sources.taskRunStep(target, taskRun, step);
      await streamer.pipe(res, target.cluster.name, source, {
        ...query,
        follow: query.follow ?? false,
      });
    },
  );

  router.get(
    '/entity/:kind/:namespace/:name/builds/:build/log',
    async (req, res) => {
      const target = await modelTarget(req);
      const build = parseInput(nameSchema('build'), req.params.build, 'path');
      const query = parseInput(logQuerySchema, req.query, 'query');
      const source = await sources.build(target, build);
      await streamer.pipe(res, target.cluster.name, source, {
        ...query,
        follow: query.follow ?? false,
      });
    },
  );

  router.get(
    '/entity/:kind/:namespace/:name/serving-pods/:pod/containers/:container/log',
    async (req, res) => {
      const target = await modelTarget(req);
      const pod = parseInput(nameSchema('pod'), req.params.pod, 'path');
      const container = parseInput(
        nameSchema('container'),
        req.params.container,
        'path',
      );
      const query = parseInput(logQuerySchema, req.query, 'query');
      const source = await sources.servingPod(target, pod, container);
      await streamer.pipe(res, target.cluster.name, source, {
        ...query,
        follow: query.follow ?? false,
      });
    },
  );

  return router;
}
