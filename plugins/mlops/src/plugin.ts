import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { mlopsApiFactory } from './api/mlopsApiFactory';
import { rootRouteRef } from './routes';

/**
 * The mlops frontend plugin for the legacy frontend system
 * (`@backstage/core-plugin-api`).
 *
 * @public
 */
export const mlopsPlugin = createPlugin({
  id: 'mlops',
  apis: [mlopsApiFactory],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The Training tab of an `ml-model` entity, for a legacy `EntityLayout.Route`
 * (use `if={isMlModelEntity}`).
 *
 * @public
 */
export const EntityMlopsTrainingContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsTrainingContent',
    component: {
      lazy: () =>
        import('./components/EntityMlopsTrainingContent').then(
          m => m.EntityMlopsTrainingContent,
        ),
    },
  }),
);

/**
 * The Health tab of an `ml-model` entity, for a legacy `EntityLayout.Route`
 * (use `if={isMlModelEntity}`).
 *
 * @public
 */
export const EntityMlopsHealthContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsHealthContent',
    component: {
      lazy: () =>
        import('./components/EntityMlopsHealthContent').then(
          m => m.EntityMlopsHealthContent,
        ),
    },
  }),
);

/**
 * The ML Models page, for a legacy app's routes
 * (`<Route path="/mlops" element={<MlopsModelsPage />} />`).
 *
 * @public
 */
export const MlopsModelsPage = mlopsPlugin.provide(
  createRoutableExtension({
    name: 'MlopsModelsPage',
    component: () =>
      import('./components/MlopsModelsPage').then(m => m.MlopsModelsPage),
    mountPoint: rootRouteRef,
  }),
);
