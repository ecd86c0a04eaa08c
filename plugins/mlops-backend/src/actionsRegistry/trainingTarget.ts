import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isMlModelEntity,
  isMlPipelineEntity,
} from '@backstage-mlops/plugin-mlops-common';
import { ModelAccess, type ModelTarget } from '../services/ModelAccess';

/**
 * The model (or pipeline) an action about training runs reads, resolved with the
 * caller's credentials under catalog read permission, as `GET …/training` does.
 *
 * @internal
 */
export async function resolveTrainingTarget(
  access: ModelAccess,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<ModelTarget> {
  const target = await access.resolve(
    ModelAccess.parseRef(entityRef),
    credentials,
    'read',
  );
  if (!isMlModelEntity(target.entity) && !isMlPipelineEntity(target.entity)) {
    throw new InputError(
      `${target.entityRef} is not an ml-model Component or an ml-pipeline Resource`,
    );
  }
  return target;
}
