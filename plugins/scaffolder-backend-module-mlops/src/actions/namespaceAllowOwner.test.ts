import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultMlopsClusterRegistry,
  ScaffolderMlopsClusterClients,
} from '@backstage-mlops/plugin-mlops-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { entityResolver } from '../__testUtils__/entityResolver';
import { createNamespaceAllowOwnerAction } from './namespaceAllowOwner';

// Input and setting problems, found before any cluster is contacted. Claiming,
// allowing and refusing a namespace is tested on the dev cluster
// (namespaceAllowOwner.integration.test.ts).

function actionWith(enforce?: string) {
  const config = new ConfigReader({
    mlops: {
      clusters: [{ name: 'dev', url: 'https://127.0.0.1:1' }],
      ...(enforce ? { namespaceOwnership: { enforce } } : {}),
    },
  });
  return createNamespaceAllowOwnerAction({
    clusters: DefaultMlopsClusterRegistry.fromConfig(config),
    clients: ScaffolderMlopsClusterClients.fromConfig(config, {
      logger: mockServices.logger.mock(),
    }),
    entities: entityResolver(config),
  });
}

describe('mlops:namespace:allow-owner', () => {
  it('names an owner that is not a user or group ref', async () => {
    const ctx = createMockActionContext({
      input: { namespace: 'ml', owner: 'component:default/x' },
    });
    await expect(actionWith().handler(ctx)).rejects.toThrow(
      'mlops:namespace:allow-owner: owner "component:default/x" is not a user or group ref (e.g. group:default/my-team)',
    );
  });

  it('does nothing when namespace ownership is not enforced', async () => {
    const ctx = createMockActionContext({
      input: { namespace: 'ml', owner: 'team-a' },
    });
    await actionWith('off').handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('changed', false);
    expect(ctx.output).toHaveBeenCalledWith('allowedOwners', []);
  });

  it('refuses a cluster without a scaffolder identity, naming the config key', async () => {
    const ctx = createMockActionContext({
      input: { namespace: 'ml', owner: 'team-a' },
    });
    await expect(actionWith().handler(ctx)).rejects.toThrow(
      'cluster dev has no scaffolder identity; set mlops.clusters[].scaffolder.serviceAccountToken',
    );
  });
});
