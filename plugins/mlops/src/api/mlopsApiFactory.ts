import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { mlopsApiRef } from './MlopsApi';
import { MlopsClient } from './MlopsClient';

/**
 * The factory of the default {@link MlopsApi}, shared by the legacy plugin and
 * the new frontend system's `ApiBlueprint`.
 *
 * @internal
 */
export const mlopsApiFactory = createApiFactory({
  api: mlopsApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new MlopsClient({ discoveryApi, fetchApi }),
});
