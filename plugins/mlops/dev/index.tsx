import type { Entity } from '@backstage/catalog-model';
import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  MLOPS_ANNOTATION_NAMESPACE,
} from '@backstage-mlops/plugin-mlops-common';
import { EntityMlopsHealthContent } from '../src/components/EntityMlopsHealthContent';
import { EntityMlopsTrainingContent } from '../src/components/EntityMlopsTrainingContent';
import mlopsPlugin from '../src';

// Runs the plugin alone: `yarn start` here, with the backend on :7007
// (`yarn workspace backend start`). The ML Models page needs the catalog plugin's
// API, which this harness does not install; use the portal for that page.

const demoModel: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'anomaly-detector',
    annotations: {
      [MLOPS_ANNOTATION_NAMESPACE]: 'mlops-demo',
      [MLOPS_ANNOTATION_INFERENCE_SERVICE]: 'anomaly-detector',
    },
  },
  spec: {
    type: 'ml-model',
    owner: 'ml-platform-team',
    lifecycle: 'production',
  },
};

function demoEntityPage(name: string, content: JSX.Element) {
  return PageBlueprint.make({
    name,
    params: {
      path: `/dev/${name}`,
      title: `Demo model: ${name}`,
      loader: async () => (
        <EntityProvider entity={demoModel}>{content}</EntityProvider>
      ),
    },
  });
}

const devHarness = createFrontendPlugin({
  pluginId: 'mlops-dev',
  extensions: [
    demoEntityPage('training', <EntityMlopsTrainingContent />),
    demoEntityPage('health', <EntityMlopsHealthContent />),
  ],
});

createDevApp({ features: [mlopsPlugin, devHarness] });
