import type {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isMlModelEntity,
  isMlPipelineEntity,
} from '@backstage-mlops/plugin-mlops-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { LiveHub } from '../live/LiveHub';
import { ModelAccess } from '../services/ModelAccess';
import { parseInput } from './parseInput';

/**
 * What {@link createLiveRoutes} needs.
 *
 * @internal
 */
export interface LiveRoutesOptions {
  httpAuth: HttpAuthService;
  access: ModelAccess;
  hub: LiveHub;
  maxEntitiesPerStream: number;
}

const entityRef = z.string().min(1, 'entity must not be empty');
const liveQuerySchema = z.object({
  entity: z
    .union([entityRef, z.array(entityRef).min(1)], {
      error: 'entity must be given, once per entity ref',
    })
    .transform(value => (Array.isArray(value) ? value : [value])),
});

function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}

/**
 * `GET /live?entity=<ref>&entity=<ref>`: a server-sent-events stream of the changes to
 * the cluster objects of the given entities (see `MlopsLiveEventName` in
 * mlops-common). The caller needs catalog read access to every entity. Browsers read
 * it with `fetch` (so the Backstage token goes in the `Authorization` header, which
 * `EventSource` cannot set) and send `Last-Event-ID` when they reconnect.
 *
 * @internal
 */
export function createLiveRoutes(options: LiveRoutesOptions) {
  const { httpAuth, access, hub, maxEntitiesPerStream } = options;
  const router = Router();

  router.get('/live', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(liveQuerySchema, req.query, 'query');
    const refs = [
      ...new Set(query.entity.map(ref => ModelAccess.parseRef(ref))),
    ];
    if (refs.length > maxEntitiesPerStream) {
      throw new InputError(
        `invalid query: entity: at most ${maxEntitiesPerStream} entities per stream, got ${refs.length}`,
      );
    }
    const targets = await Promise.all(
      refs.map(ref => access.resolve(ref, credentials, 'read')),
    );
    for (const target of targets) {
      if (
        !isMlModelEntity(target.entity) &&
        !isMlPipelineEntity(target.entity)
      ) {
        throw new InputError(
          `${target.entityRef} is not an ml-model Component or an ml-pipeline Resource`,
        );
      }
    }
    const lastEventId = req.header('last-event-id');
    hub.open(res, {
      principal: principalOf(credentials),
      targets,
      lastEventId:
        lastEventId && lastEventId.length <= 64 ? lastEventId : undefined,
    });
  });

  return router;
}
