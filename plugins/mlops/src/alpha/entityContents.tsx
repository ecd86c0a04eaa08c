import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isMlModelEntity } from '@backstage-mlops/plugin-mlops-common';

/**
 * The Training tab of `ml-model` entities (extension
 * `entity-content:mlops/training`).
 *
 * @alpha
 */
export const trainingEntityContent = EntityContentBlueprint.make({
  name: 'training',
  params: {
    path: 'training',
    title: 'Training',
    filter: isMlModelEntity,
    loader: () =>
      import('../components/EntityMlopsTrainingContent').then(m => (
        <m.EntityMlopsTrainingContent />
      )),
  },
});

/**
 * The Health tab of `ml-model` entities (extension
 * `entity-content:mlops/health`).
 *
 * @alpha
 */
export const healthEntityContent = EntityContentBlueprint.make({
  name: 'health',
  params: {
    path: 'health',
    title: 'Health',
    filter: isMlModelEntity,
    loader: () =>
      import('../components/EntityMlopsHealthContent').then(m => (
        <m.EntityMlopsHealthContent />
      )),
  },
});
