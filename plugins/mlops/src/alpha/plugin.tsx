import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import ScatterPlotIcon from '@material-ui/icons/ScatterPlot';
import { rootRouteRef } from '../routes';
import { mlopsApi } from './apis';
import {
  modelStatusEntityCard,
  notebookEntityCard,
  pipelineEntityCard,
  workbenchEntityCard,
} from './entityCards';
import { healthEntityContent, trainingEntityContent } from './entityContents';
import { modelsPage } from './pages';

/**
 * The mlops frontend plugin for the new frontend system: the `MlopsApi`, the
 * ML Models page, the Training and Health tabs of `ml-model` entities, and the
 * Overview cards of models, notebooks and pipelines. It is also the package's
 * default export, which apps with `app.packages: all` discover.
 *
 * @public
 */
export const mlopsFrontendPlugin = createFrontendPlugin({
  pluginId: 'mlops',
  title: 'MLOps',
  icon: <ScatterPlotIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
  },
  extensions: [
    mlopsApi,
    modelsPage,
    trainingEntityContent,
    healthEntityContent,
    modelStatusEntityCard,
    workbenchEntityCard,
    notebookEntityCard,
    pipelineEntityCard,
  ],
});
