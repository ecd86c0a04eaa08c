import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mlopsObjectStoreServiceRef } from '@backstage-mlops/plugin-mlops-node';
import request from 'supertest';
import { mlopsPlugin } from './plugin';
import { InMemoryObjectStore } from './testing/InMemoryObjectStore';

const config = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'prod',
            url: 'https://prod.example.com:6443',
            authProvider: 'serviceAccount',
            serviceAccountToken: 'prod-secret-token',
          },
        ],
      },
    ],
  },
  mlops: { clusters: [{ name: 'dev', url: 'https://127.0.0.1:6443' }] },
};

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      mockServices.rootConfig.factory({ data: config }),
      // No informers against the example clusters: the cache is covered elsewhere.
      createServiceFactory({
        service: mlopsObjectStoreServiceRef,
        deps: {},
        factory: () => new InMemoryObjectStore(['prod', 'dev']),
      }),
    ],
  });
  return server;
}

describe('mlops backend plugin', () => {
  it('answers /health with the configured clusters, and no URL or credential', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/mlops/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      clusters: [
        { name: 'prod', source: 'kubernetes' },
        { name: 'dev', source: 'mlops' },
      ],
      cache: [],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|https:/);
  });

  it('refuses unauthenticated and invalid callers', async () => {
    const server = await startBackend();
    const anonymous = await request(server)
      .get('/api/mlops/health')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const invalid = await request(server)
      .get('/api/mlops/health')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(invalid.status).toBe(401);
    expect(invalid.body.error.name).toBe('AuthenticationError');
  });

  it('registers every mlops permission with the permission framework', async () => {
    const server = await startBackend();
    const res = await request(server).get(
      '/api/mlops/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.permissions.map((p: { name: string }) => p.name).sort(),
    ).toEqual([
      'mlops.build.start',
      'mlops.notebook.validate',
      'mlops.serving.restart',
      'mlops.training.cancel',
      'mlops.training.run',
      'mlops.workbench.manage',
    ]);
  });
});
