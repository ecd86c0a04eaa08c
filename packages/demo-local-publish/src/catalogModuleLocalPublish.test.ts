import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { catalogModuleLocalPublish } from '.';

async function allowedTypes(data: object) {
  const setAllowedLocationTypes = jest.fn();
  await startTestBackend({
    extensionPoints: [
      [catalogLocationsExtensionPoint, { setAllowedLocationTypes }],
    ],
    features: [
      catalogModuleLocalPublish,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return setAllowedLocationTypes.mock.calls;
}

describe('catalogModuleLocalPublish', () => {
  it('leaves the catalog alone without local publishing', async () => {
    expect(await allowedTypes({})).toEqual([]);
  });

  it('allows url and file locations when mlops.scaffolder.localPublish.directory is set', async () => {
    expect(
      await allowedTypes({
        mlops: { scaffolder: { localPublish: { directory: '/tmp/repos' } } },
      }),
    ).toEqual([[['url', 'file']]]);
  });

  it('with the real catalog: a file location is refused without the key and accepted (dry run) with it', async () => {
    const dir = createMockDirectory({
      content: {
        'catalog-info.yaml': [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Component',
          'metadata: { name: churn }',
          'spec: { type: ml-model, lifecycle: experimental, owner: team }',
        ].join('\n'),
      },
    });
    const register = async (data: object) => {
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleLocalPublish,
          mockServices.rootConfig.factory({ data }),
        ],
      });
      return request(server)
        .post('/api/catalog/locations?dryRun=true')
        .send({ type: 'file', target: dir.resolve('catalog-info.yaml') });
    };
    const refused = await register({});
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      'Registered locations must be of an allowed type ["url"]',
    );
    const accepted = await register({
      mlops: { scaffolder: { localPublish: { directory: dir.path } } },
    });
    expect(accepted.status).toBe(201);
    expect(
      accepted.body.entities.map(
        (e: { kind: string; metadata: { name: string } }) =>
          `${e.kind}:${e.metadata.name}`,
      ),
    ).toContain('Component:churn');
  }, 60_000);
});
