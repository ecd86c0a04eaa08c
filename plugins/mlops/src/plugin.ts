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
export const EntityMlopsTrainingContent: () => JSX.Element =
  mlopsPlugin.provide(
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
export const EntityMlopsHealthContent: () => JSX.Element = mlopsPlugin.provide(
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
 * The Overview card of an `ml-model` entity: last training, serving, last build
 * and last validation at a glance (use with `isMlModelEntity`).
 *
 * @public
 */
export const EntityMlopsModelStatusCard: () => JSX.Element =
  mlopsPlugin.provide(
    createComponentExtension({
      name: 'EntityMlopsModelStatusCard',
      component: {
        lazy: () =>
          import('./components/EntityMlopsModelStatusCard').then(
            m => m.EntityMlopsModelStatusCard,
          ),
      },
    }),
  );

/**
 * The Overview card of an `ml-model` entity's workbench: state, image, GPUs
 * (use with `isMlModelEntity`).
 *
 * @public
 */
export const EntityMlopsWorkbenchCard: () => JSX.Element = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsWorkbenchCard',
    component: {
      lazy: () =>
        import('./components/EntityMlopsWorkbenchCard').then(
          m => m.EntityMlopsWorkbenchCard,
        ),
    },
  }),
);

/**
 * The Overview card of a `notebook` entity: its latest validations (use with
 * `isNotebookEntity`).
 *
 * @public
 */
export const EntityMlopsNotebookCard: () => JSX.Element = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsNotebookCard',
    component: {
      lazy: () =>
        import('./components/EntityMlopsNotebookCard').then(
          m => m.EntityMlopsNotebookCard,
        ),
    },
  }),
);

/**
 * The Overview card of an `ml-pipeline` entity: its recent runs (use with
 * `isMlPipelineEntity`).
 *
 * @public
 */
export const EntityMlopsPipelineCard: () => JSX.Element = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsPipelineCard',
    component: {
      lazy: () =>
        import('./components/EntityMlopsPipelineCard').then(
          m => m.EntityMlopsPipelineCard,
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
export const MlopsModelsPage: () => JSX.Element = mlopsPlugin.provide(
  createRoutableExtension({
    name: 'MlopsModelsPage',
    component: () =>
      import('./components/MlopsModelsPage').then(m => m.MlopsModelsPage),
    mountPoint: rootRouteRef,
  }),
);
