import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The ML Models page (`/mlops` by default). A `@backstage/core-plugin-api`
 * route ref, which both frontend systems accept.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'mlops' });
