import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { isMlModelEntity } from '@backstage-mlops/plugin-mlops-common';
import { ModelAccess, type ModelTarget } from '../services/ModelAccess';

/**
 * The ml-model an action about serving reads (health, lineage), resolved with the
 * caller's credentials under catalog read permission, as `GET …/health` does.
 *
 * @internal
 */
export async function resolveModelTarget(
  access: ModelAccess,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<ModelTarget> {
  const target = await access.resolve(
    ModelAccess.parseRef(entityRef),
    credentials,
    'read',
  );
  if (!isMlModelEntity(target.entity)) {
    throw new InputError(`${target.entityRef} is not an ml-model Component`);
  }
  return target;
}
