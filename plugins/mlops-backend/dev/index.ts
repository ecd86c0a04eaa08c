/*
 * Runs the mlops backend plugin alone, with real guest sign-in and an allow-all
 * permission policy: `yarn start` in this package, then for example
 *   curl -H "Authorization: Bearer $(curl -s localhost:7007/api/auth/guest/refresh | jq -r .backstageIdentity.token)" \
 *     localhost:7007/api/mlops/clusters
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('../src'));
backend.start();
