import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  describeMlopsMutationBodyError,
  MLOPS_IDEMPOTENCY_KEY_HEADER,
  MLOPS_IDEMPOTENT_REPLAYED_HEADER,
  mlopsIdempotencyKeySchema,
  type MlopsMutationName,
  type MlopsMutationResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterWriteResult } from '@backstage-mlops/plugin-mlops-node';
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import type { IdempotencyStore } from '../database/IdempotencyStore';
import { ModelAccess, type ModelTarget } from '../services/ModelAccess';
import {
  clusterWriteAudit,
  type ModelMutations,
} from '../services/ModelMutations';

/**
 * What every mutation route needs.
 *
 * @internal
 */
export interface MutationRouteDeps {
  httpAuth: HttpAuthService;
  mutations: ModelMutations;
  idempotency: IdempotencyStore;
}

/**
 * One mutation request, as a route describes it.
 *
 * @internal
 */
export interface MutationSpec<TBody extends { dryRun?: boolean }> {
  action: MlopsMutationName;
  permission: ResourcePermission<'catalog-entity'>;
  body: ZodType<TBody>;
  /** 201 for mutations that create an object, 200 otherwise. */
  status: 200 | 201;
  execute(input: {
    target: ModelTarget;
    body: TBody;
    triggeredBy: string;
  }): Promise<MlopsClusterWriteResult>;
}

function parseBody<T>(schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new InputError(
      `invalid request body: ${describeMlopsMutationBodyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.header(MLOPS_IDEMPOTENCY_KEY_HEADER);
  if (raw === undefined) {
    return undefined;
  }
  const parsed = mlopsIdempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `invalid header: ${parsed.error.issues.map(i => i.message).join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * Runs one mutation request: the caller's credentials (users only), then
 * {@link ModelMutations} (audited; the body checked, errors naming the field; the
 * entity resolved for a mutation; the mutation's permission with the entity as
 * resource), the `Idempotency-Key` honoured, and the cluster write made.
 *
 * @internal
 */
export async function runMutation<TBody extends { dryRun?: boolean }>(
  deps: MutationRouteDeps,
  spec: MutationSpec<TBody>,
  req: Request,
  res: Response,
): Promise<void> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user'],
  });
  const entityRef = ModelAccess.parseRef({
    kind: req.params.kind,
    namespace: req.params.namespace,
    name: req.params.name,
  });
  let body!: TBody;
  let key: string | undefined;
  const { response, replayed } = await deps.mutations.run(
    {
      action: spec.action,
      permission: spec.permission,
      entityRef,
      credentials,
      via: 'http',
      request: req,
    },
    {
      check: () => {
        body = parseBody(spec.body, req.body);
        key = idempotencyKeyOf(req);
      },
      perform: async ({ target, triggeredBy }) => {
        const perform = async () => {
          const result = await spec.execute({ target, body, triggeredBy });
          const answer: MlopsMutationResponse = {
            action: spec.action,
            entityRef: target.entityRef,
            object: {
              kind: result.kind,
              namespace: result.namespace,
              name: result.name,
            },
            dryRun: result.dryRun,
            changed: result.changed,
            ...(result.params ? { params: result.params } : {}),
          };
          return { status: spec.status, body: answer };
        };
        const outcome = key
          ? await deps.idempotency.run(
              {
                caller: triggeredBy,
                action: spec.action,
                entityRef: target.entityRef,
                key,
              },
              { params: req.params, body },
              perform,
            )
          : { response: await perform(), replayed: false };
        const answer = outcome.response.body as MlopsMutationResponse;
        return {
          value: outcome,
          audit: {
            ...clusterWriteAudit(answer),
            replayed: outcome.replayed,
          },
        };
      },
    },
  );
  if (replayed) {
    res.setHeader(MLOPS_IDEMPOTENT_REPLAYED_HEADER, 'true');
  }
  res.status(response.status).json(response.body);
}
