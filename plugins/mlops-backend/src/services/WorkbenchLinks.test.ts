import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { DefaultMlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
} from '@backstage-mlops/plugin-mlops-node/testUtils';
import { WorkbenchLinks } from './WorkbenchLinks';

function links(clusters: JsonObject[]) {
  return WorkbenchLinks.create({
    clusters: DefaultMlopsClusterRegistry.create({
      access: mockMlopsClusterAccess([
        mockClusterDetails('prod', 'https://api.prod:6443'),
        mockClusterDetails('dev', 'https://api.dev:6443'),
      ]),
      config: new ConfigReader({ mlops: { clusters } }),
      logger: mockServices.logger.mock(),
    }),
  });
}

describe('WorkbenchLinks', () => {
  it("fills a cluster's template with the workbench's namespace and name", () => {
    const wl = links([
      {
        name: 'prod',
        workbenchUrlTemplate:
          'https://{name}-{namespace}.apps.prod.example.com/notebook/{namespace}/{name}/',
      },
      {
        name: 'dev',
        workbenchUrlTemplate:
          'https://rhods-dashboard.apps.dev.example.com/projects/{namespace}?section=workbenches',
      },
    ]);
    expect(wl.urlFor('prod', 'mlops-demo', 'anomaly-detector-workbench')).toBe(
      'https://anomaly-detector-workbench-mlops-demo.apps.prod.example.com/notebook/mlops-demo/anomaly-detector-workbench/',
    );
    expect(wl.urlFor('dev', 'mlops demo', 'wb')).toBe(
      'https://rhods-dashboard.apps.dev.example.com/projects/mlops%20demo?section=workbenches',
    );
  });

  it('has no link for a cluster without a template, or without an mlops.clusters entry', () => {
    expect(links([{ name: 'dev' }]).urlFor('dev', 'ns', 'wb')).toBeUndefined();
    expect(links([]).urlFor('prod', 'ns', 'wb')).toBeUndefined();
  });
});
