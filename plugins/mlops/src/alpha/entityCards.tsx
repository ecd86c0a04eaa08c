import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isMlModelEntity,
  isMlPipelineEntity,
  isNotebookEntity,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * The status card of `ml-model` entities (extension
 * `entity-card:mlops/model-status`): last training, serving, last build, last
 * validation.
 *
 * @alpha
 */
export const modelStatusEntityCard = EntityCardBlueprint.make({
  name: 'model-status',
  params: {
    filter: isMlModelEntity,
    loader: () =>
      import('../components/EntityMlopsModelStatusCard').then(m => (
        <m.EntityMlopsModelStatusCard />
      )),
  },
});

/**
 * The workbench card of `ml-model` entities (extension
 * `entity-card:mlops/workbench`).
 *
 * @alpha
 */
export const workbenchEntityCard = EntityCardBlueprint.make({
  name: 'workbench',
  params: {
    filter: isMlModelEntity,
    loader: () =>
      import('../components/EntityMlopsWorkbenchCard').then(m => (
        <m.EntityMlopsWorkbenchCard />
      )),
  },
});

/**
 * The validations card of `notebook` entities (extension
 * `entity-card:mlops/notebook`).
 *
 * @alpha
 */
export const notebookEntityCard = EntityCardBlueprint.make({
  name: 'notebook',
  params: {
    filter: isNotebookEntity,
    loader: () =>
      import('../components/EntityMlopsNotebookCard').then(m => (
        <m.EntityMlopsNotebookCard />
      )),
  },
});

/**
 * The recent-runs card of `ml-pipeline` entities (extension
 * `entity-card:mlops/pipeline`).
 *
 * @alpha
 */
export const pipelineEntityCard = EntityCardBlueprint.make({
  name: 'pipeline',
  params: {
    filter: isMlPipelineEntity,
    loader: () =>
      import('../components/EntityMlopsPipelineCard').then(m => (
        <m.EntityMlopsPipelineCard />
      )),
  },
});
