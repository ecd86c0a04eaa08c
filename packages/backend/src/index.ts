/*
 * The portal backend: the standard Backstage plugins an ML platform team needs, plus the
 * backstage-mlops backend plugin and its catalog and scaffolder modules.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: the guest provider for local use (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with the entity model of scaffolder templates and the processing error log.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-events-backend'));

// Scaffolder, with the GitHub publish actions for adopters who configure GitHub.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

// Permissions: everyone reads; the mlops actions only on models the user's team owns
// (src/permissions). Deployments with their own policy install it instead.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions/permissionPolicyModule'));

// Search: Postgres engine when the database is Postgres, in-memory Lunr otherwise.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Kubernetes (the standard Kubernetes tab), user settings, and signals (which the
// user-settings storage in the app listens to).
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Notifications (the bell in the sidebar and the Notifications page): the mlops
// backend tells a model's owner when training fails or serving turns unready.
backend.add(import('@backstage/plugin-notifications-backend'));

// Actions registry over MCP, so agents can use the portal's actions.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// backstage-mlops
backend.add(import('@backstage-mlops/plugin-mlops-backend'));
backend.add(import('@backstage-mlops/plugin-catalog-backend-module-mlops'));
backend.add(import('@backstage-mlops/plugin-scaffolder-backend-module-mlops'));

// The demo only: New ML model projects published as local git repositories, which the
// catalog may then register as `file` locations (mlops.scaffolder.localPublish; `./dev
// start` sets it). A production portal publishes to GitHub/GitLab and leaves this out.
backend.add(import('@backstage-mlops/demo-local-publish'));

backend.start();
