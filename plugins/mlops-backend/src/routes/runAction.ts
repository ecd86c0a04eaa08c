import type {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  describeMlopsActionBodyError,
  isMlModelEntity,
  MLOPS_IDEMPOTENCY_KEY_HEADER,
  MLOPS_IDEMPOTENT_REPLAYED_HEADER,
  mlopsIdempotencyKeySchema,
  type MlopsActionName,
  type MlopsActionResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterActionResult } from '@backstage-mlops/plugin-mlops-node';
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import type { IdempotencyStore } from '../database/IdempotencyStore';
import { ModelAccess, type ModelTarget } from '../services/ModelAccess';

/**
 * What every action route needs.
 *
 * @internal
 */
export interface ActionRouteDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  access: ModelAccess;
  idempotency: IdempotencyStore;
}

/**
 * One action request, as a route describes it.
 *
 * @internal
 */
export interface ActionSpec<TBody extends { dryRun?: boolean }> {
  action: MlopsActionName;
  permission: ResourcePermission<'catalog-entity'>;
  body: ZodType<TBody>;
  /** 201 for actions that create an object, 200 otherwise. */
  status: 200 | 201;
  execute(input: {
    target: ModelTarget;
    body: TBody;
    triggeredBy: string;
  }): Promise<MlopsClusterActionResult>;
}

function parseBody<T>(schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new InputError(
      `invalid request body: ${describeMlopsActionBodyError(parsed.error)}`,
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
 * Runs one action request: the caller's credentials (users only), the body checked
 * (errors name the field), the entity resolved through {@link ModelAccess} (catalog
 * read access; only objects its annotations name), the action's permission
 * authorized with the entity as resource, the `Idempotency-Key` honoured, the cluster
 * action run, and the whole attempt audited (`mlops-action`, success or failure).
 *
 * @internal
 */
export async function runAction<TBody extends { dryRun?: boolean }>(
  deps: ActionRouteDeps,
  spec: ActionSpec<TBody>,
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
  const audit = await deps.auditor.createEvent({
    eventId: 'mlops-action',
    severityLevel: 'medium',
    request: req,
    meta: { action: spec.action, entityRef },
  });
  try {
    const body = parseBody(spec.body, req.body);
    const key = idempotencyKeyOf(req);
    const target = await deps.access.resolve(
      entityRef,
      credentials,
      'mutation',
    );
    if (!isMlModelEntity(target.entity)) {
      throw new InputError(`${target.entityRef} is not an ml-model Component`);
    }
    await authorize(deps, spec.permission, target.entityRef, credentials);
    const triggeredBy = credentials.principal.userEntityRef;

    const perform = async () => {
      const result = await spec.execute({ target, body, triggeredBy });
      const response: MlopsActionResponse = {
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
      return { status: spec.status, body: response };
    };
    const { response, replayed } = key
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

    const answer = response.body as MlopsActionResponse;
    await audit.success({
      meta: {
        object: { ...answer.object },
        dryRun: answer.dryRun,
        changed: answer.changed,
        replayed,
      },
    });
    if (replayed) {
      res.setHeader(MLOPS_IDEMPOTENT_REPLAYED_HEADER, 'true');
    }
    res.status(response.status).json(answer);
  } catch (error) {
    await audit.fail({ error: error as Error });
    throw error;
  }
}

async function authorize(
  deps: ActionRouteDeps,
  permission: ResourcePermission<'catalog-entity'>,
  entityRef: string,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<void> {
  const [decision] = await deps.permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `you may not do this on ${entityRef}: permission ${permission.name} is not granted`,
    );
  }
}
