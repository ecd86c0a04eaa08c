import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mlopsObjectStoreServiceRef } from '@backstage-mlops/plugin-mlops-node';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import mlopsBackend from '.';
import { InMemoryObjectStore } from './testing/InMemoryObjectStore';

// Clusters configured once, for the Kubernetes plugin (its config locator): one with a
// server-side auth provider, one whose provider authenticates users in the browser.
const config = {
  kubernetes: {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'prod',
            title: 'Production',
            url: 'https://prod.example.com:6443',
            authProvider: 'oidc',
            oidcTokenProvider: 'okta',
          },
          {
            name: 'dev',
            url: 'http://127.0.0.1:8001',
            authProvider: 'localKubectlProxy',
          },
        ],
      },
    ],
  },
};

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      // The default export: the plugin and its module of the Kubernetes plugin.
      mlopsBackend,
      kubernetesPlugin,
      catalogServiceMock.factory(),
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
  it('answers /clusters with the clusters the Kubernetes plugin locates, and no URL', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/mlops/clusters');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      clusters: [
        {
          name: 'prod',
          title: 'Production',
          authProvider: 'oidc',
          unusable: expect.stringContaining(
            'its auth provider "oidc" gives the backend no credential',
          ),
        },
        { name: 'dev', authProvider: 'localKubectlProxy' },
      ],
      cache: [],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/https?:/);
  });

  it('refuses unauthenticated and invalid callers', async () => {
    const server = await startBackend();
    const anonymous = await request(server)
      .get('/api/mlops/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const invalid = await request(server)
      .get('/api/mlops/clusters')
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
