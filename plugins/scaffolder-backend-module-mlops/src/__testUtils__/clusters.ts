import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  DefaultMlopsClusterClients,
  DefaultMlopsClusterRegistry,
} from '@backstage-mlops/plugin-mlops-node';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
} from '@backstage-mlops/plugin-mlops-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * The clusters as the Kubernetes plugin would locate them (`name` → URL), with `mlops`
 * as the `mlops` config block (e.g. the scaffolder identities): the registry, and the
 * clients of the scaffolder identity the actions use.
 */
export function scaffolderClusters(
  clusters: Array<{ name: string; url: string }>,
  mlops: JsonObject = {},
) {
  const config = new ConfigReader({ mlops });
  const registry = DefaultMlopsClusterRegistry.create({
    access: mockMlopsClusterAccess(
      clusters.map(c =>
        mockClusterDetails(c.name, c.url, { serviceAccountToken: 'backend' }),
      ),
    ),
    config,
    logger: mockServices.logger.mock(),
  });
  return {
    config,
    registry,
    clients: DefaultMlopsClusterClients.create({
      registry,
      identity: 'scaffolder',
    }),
  };
}
