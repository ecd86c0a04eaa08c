import type { Entity } from '@backstage/catalog-model';
import { createApp } from '@backstage/frontend-defaults';
import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  MLOPS_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_NOTEBOOK_PATH,
  MLOPS_ANNOTATION_WORKBENCH,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import appPlugin from '@backstage/plugin-app';
import ReactDOM from 'react-dom/client';
import { EntityMlopsHealthContent } from '../src/components/EntityMlopsHealthContent';
import { EntityMlopsModelStatusCard } from '../src/components/EntityMlopsModelStatusCard';
import { EntityMlopsNotebookCard } from '../src/components/EntityMlopsNotebookCard';
import { EntityMlopsPipelineCard } from '../src/components/EntityMlopsPipelineCard';
import { EntityMlopsTrainingContent } from '../src/components/EntityMlopsTrainingContent';
import { EntityMlopsWorkbenchCard } from '../src/components/EntityMlopsWorkbenchCard';
import mlopsPlugin from '../src';

// Runs the plugin alone: `yarn start` here, with the backend on :7007
// (`yarn workspace backend start`). The ML Models page needs the catalog plugin's
// API, which this harness does not install; use the portal for that page.
// (@backstage/frontend-dev-utils 0.1.6, the newest on the registry, is built for
// frontend-plugin-api 0.18, so the harness creates the app itself, as it does.)

const demoModel: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'anomaly-detector',
    annotations: {
      [MLOPS_ANNOTATION_NAMESPACE]: 'mlops-demo',
      [MLOPS_ANNOTATION_INFERENCE_SERVICE]: 'anomaly-detector',
      [MLOPS_ANNOTATION_BUILD_CONFIG]: 'anomaly-detector-notebook',
      [MLOPS_ANNOTATION_WORKBENCH]: 'anomaly-detector-workbench',
    },
  },
  spec: {
    type: 'ml-model',
    owner: 'ml-platform-team',
    lifecycle: 'production',
  },
};

const demoNotebook: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'anomaly-detector-training-notebook',
    annotations: {
      [MLOPS_ANNOTATION_NAMESPACE]: 'mlops-demo',
      [MLOPS_ANNOTATION_NOTEBOOK_PATH]:
        'notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb',
    },
  },
  spec: {
    type: 'notebook',
    owner: 'ml-platform-team',
    lifecycle: 'production',
    subcomponentOf: 'component:anomaly-detector',
  },
};

const demoPipeline: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'mlops-demo-model-training-pipeline',
    annotations: { [MLOPS_ANNOTATION_NAMESPACE]: 'mlops-demo' },
  },
  spec: { type: 'ml-pipeline', owner: 'ml-platform-team' },
};

const overview = (
  <Grid container spacing={3}>
    <Grid item xs={12} md={6}>
      <EntityMlopsModelStatusCard />
    </Grid>
    <Grid item xs={12} md={6}>
      <EntityMlopsWorkbenchCard />
    </Grid>
  </Grid>
);

function demoEntityPage(
  name: string,
  content: JSX.Element,
  entity: Entity = demoModel,
) {
  return PageBlueprint.make({
    name,
    params: {
      path: `/dev/${name}`,
      title: `Demo: ${name}`,
      loader: async () => (
        <EntityProvider entity={entity}>{content}</EntityProvider>
      ),
    },
  });
}

const devHarness = createFrontendPlugin({
  pluginId: 'mlops-dev',
  extensions: [
    demoEntityPage('training', <EntityMlopsTrainingContent />),
    demoEntityPage('health', <EntityMlopsHealthContent />),
    demoEntityPage('overview', overview),
    demoEntityPage('notebook', <EntityMlopsNotebookCard />, demoNotebook),
    demoEntityPage('pipeline', <EntityMlopsPipelineCard />, demoPipeline),
  ],
});

const appWithoutSignIn = appPlugin.withOverrides({
  extensions: [
    appPlugin.getExtension('sign-in-page:app').override({ disabled: true }),
  ],
});

const app = createApp({
  features: [appWithoutSignIn, mlopsPlugin, devHarness],
});
ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
