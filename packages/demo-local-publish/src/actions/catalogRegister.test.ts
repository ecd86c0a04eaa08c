import { createMockDirectory } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdirSync, symlinkSync } from 'node:fs';
import yaml from 'yaml';
import { createCatalogRegisterAction } from './catalogRegister';
import { examples } from './catalogRegister.examples';

// The catalog side is exercised for real by the end-to-end suite
// (src/integration/mlModelScaffolder.integration.test.ts); here: what the action asks
// the catalog for, and the inputs it refuses before asking.

const author = { name: 'a', email: 'a@example.test' };
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'generated-abc' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'churn-training-pipeline' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn-training-notebook' },
    spec: { subcomponentOf: 'component:churn' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn' },
  },
];

type Input = { catalogInfoTarget: string; workspaceCatalogInfoPath?: string };

function setup(directory = '/var/lib/backstage/published-repos') {
  const catalog = catalogServiceMock.mock({
    addLocation: jest.fn(async request => ({
      location: {
        id: 'id',
        type: request.type ?? 'url',
        target: request.target,
        entityRef: 'location:default/generated-abc',
      },
      entities: request.dryRun ? entities : [],
    })),
  });
  const action = createCatalogRegisterAction({
    localPublish: { directory, author },
    catalog,
  });
  const context = (input: Input, isDryRun = false) => {
    const ctx = createMockActionContext<Input>({ input });
    return { ...ctx, isDryRun, output: ctx.output as jest.Mock };
  };
  return { catalog, action, context };
}

describe('mlops:catalog:register', () => {
  it('runs its documented example: registers a file location and outputs its main Component (not the subcomponent)', async () => {
    // The example's directory, recreated in a temporary one.
    const input = yaml.parse(examples[0].example).steps[0].input;
    const published = createMockDirectory({
      content: { 'anomaly-detector': { 'catalog-info.yaml': 'kind: x' } },
    });
    const target = input.catalogInfoTarget.replace(
      '/var/lib/backstage/published-repos',
      published.path,
    );
    const { catalog, action, context } = setup(published.path);
    const ctx = context({ catalogInfoTarget: target });
    await action.handler(ctx);
    expect(catalog.addLocation).toHaveBeenNthCalledWith(
      1,
      { type: 'file', target },
      { credentials: expect.anything() },
    );
    expect(catalog.addLocation).toHaveBeenNthCalledWith(
      2,
      { type: 'file', target, dryRun: true },
      { credentials: expect.anything() },
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoLocation',
      `file:${target}`,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/churn',
    );
  });

  it.each([
    '/etc/passwd',
    '/var/lib/backstage/published-repos/../secrets/catalog-info.yaml',
    'relative/catalog-info.yaml',
    '/var/lib/backstage/published-repos',
  ])('refuses %j: only files under the publish directory', async target => {
    const { catalog, action, context } = setup();
    const run = action.handler(context({ catalogInfoTarget: target }));
    await expect(run).rejects.toThrow(
      'catalogInfoTarget must be an absolute path under /var/lib/backstage/published-repos (mlops.scaffolder.localPublish.directory)'.replace(
        'catalogInfoTarget',
        `catalogInfoTarget ${JSON.stringify(target)}`,
      ),
    );
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('refuses a catalog file that is a symbolic link out of the directory', async () => {
    const outside = createMockDirectory({ content: { 'secret.yaml': 'x' } });
    const published = createMockDirectory();
    mkdirSync(published.resolve('evil'));
    symlinkSync(
      outside.resolve('secret.yaml'),
      published.resolve('evil/catalog-info.yaml'),
    );
    const { catalog, action, context } = setup(published.path);
    await expect(
      action.handler(
        context({
          catalogInfoTarget: published.resolve('evil/catalog-info.yaml'),
        }),
      ),
    ).rejects.toThrow(/must be an absolute path under/);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('names a catalog file that does not exist', async () => {
    const published = createMockDirectory();
    const { action, context } = setup(published.path);
    await expect(
      action.handler(
        context({
          catalogInfoTarget: published.resolve('x/catalog-info.yaml'),
        }),
      ),
    ).rejects.toThrow(/does not exist \(was the repository published\?\)/);
  });

  it('dry run: the catalog validates the workspace copy, nothing is registered', async () => {
    const { catalog, action, context } = setup();
    const workspace = createMockDirectory();
    const ctx = {
      ...context(
        {
          catalogInfoTarget:
            '/var/lib/backstage/published-repos/churn/catalog-info.yaml',
        },
        true,
      ),
      workspacePath: workspace.path,
    };
    await action.handler(ctx);
    expect(catalog.addLocation).toHaveBeenCalledTimes(1);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      {
        type: 'file',
        target: workspace.resolve('catalog-info.yaml'),
        dryRun: true,
      },
      { credentials: expect.anything() },
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/churn',
    );
  });

  it('says which key to set when local publishing is not configured', async () => {
    const action = createCatalogRegisterAction({
      localPublish: undefined,
      catalog: catalogServiceMock.mock(),
    });
    await expect(
      action.handler(
        createMockActionContext({ input: { catalogInfoTarget: '/x/c.yaml' } }),
      ),
    ).rejects.toThrow(/set mlops.scaffolder.localPublish.directory/);
  });
});
