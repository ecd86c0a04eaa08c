import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { mlopsApiFactory } from '../api/mlopsApiFactory';

/**
 * Provides the default `MlopsApi` (extension `api:mlops`).
 *
 * @alpha
 */
export const mlopsApi = ApiBlueprint.make({
  params: defineParams => defineParams(mlopsApiFactory),
});
