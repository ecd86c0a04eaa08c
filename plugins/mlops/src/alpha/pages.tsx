import { Content } from '@backstage/core-components';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import ScatterPlotIcon from '@material-ui/icons/ScatterPlot';
import { rootRouteRef } from '../routes';

/**
 * The ML Models page at `/mlops` (extension `page:mlops`). Its title and icon
 * make the app list it in the sidebar.
 *
 * @alpha
 */
export const modelsPage = PageBlueprint.make({
  params: {
    path: '/mlops',
    title: 'ML Models',
    icon: <ScatterPlotIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/MlopsModelsTable').then(m => (
        <Content>
          <m.MlopsModelsTable />
        </Content>
      )),
  },
});
