import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { mlopsPlugin } from '../plugin';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
  mockMlopsClusterAccessServiceFactory,
} from '@backstage-mlops/plugin-mlops-node/testUtils';

// The input edges of the mutation routes through the real backend (auth, body and
// header validation, entity checks, audit): everything refused here is refused before
// any cluster is contacted (the configured cluster does not exist), so the namespace
// ownership check, which reads the cluster's Namespaces, is off here (readRoutes.test.ts
// and namespaceOwnership.integration.test.ts test it). What the mutations do on a
// cluster is tested on the dev cluster (mutations.integration.test.ts).

function component(
  name: string,
  annotations: Record<string, string>,
  type = 'ml-model',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type, owner: 'team-a', lifecycle: 'production' },
  };
}

const bare = component('bare-model', { 'mlops.backstage.io/namespace': 'ml' });
const service = component(
  'web-service',
  { 'mlops.backstage.io/namespace': 'ml' },
  'service',
);
const MUTATIONS = '/api/mlops/entity/component/default/bare-model/mutations';

async function startBackend() {
  const fail = jest.fn(async () => {});
  const createEvent = jest.fn(async () => ({
    success: jest.fn(async () => {}),
    fail,
  }));
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      mockMlopsClusterAccessServiceFactory(
        mockMlopsClusterAccess([
          mockClusterDetails('dev', 'https://127.0.0.1:1'),
        ]),
      ),
      mockServices.rootConfig.factory({
        data: { mlops: { namespaceOwnership: { enforce: 'off' } } },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.auditor.mock({ createEvent }).factory,
      catalogServiceMock.factory({ entities: [bare, service] }),
    ],
  });
  return { server, createEvent, fail };
}

describe('mutation routes', () => {
  it('require a signed-in user', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .set('Authorization', mockCredentials.none.header())
      .send({});
    expect(res.status).toBe(401);
    const asService = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .set('Authorization', mockCredentials.service.header())
      .send({});
    expect(asService.status).toBe(403);
  });

  it('name the bad field of a body, and audit the failure', async () => {
    const { server, createEvent, fail } = await startBackend();
    const res = await request(server)
      .post(`${MUTATIONS}/runs/r-1/cancel`)
      .send({ mode: 'Stop', dryRun: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'invalid request body: mode must be Cancelled or CancelledRunFinally; dryRun must be true or false',
    );
    expect(createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'mlops-action',
        severityLevel: 'medium',
        meta: {
          action: 'cancel-training',
          entityRef: 'component:default/bare-model',
          via: 'http',
        },
      }),
    );
    expect(fail).toHaveBeenCalledWith({ error: expect.any(Error) });

    const params = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .send({ params: { 'data-source': null } });
    expect(params.status).toBe(400);
    expect(params.body.error.message).toContain(
      'params.data-source must be a string, an array of strings, an object of strings, a boolean or a number',
    );
  });

  it('refuse a malformed Idempotency-Key and run name', async () => {
    const { server } = await startBackend();
    const key = await request(server)
      .post(`${MUTATIONS}/run-training`)
      .set('Idempotency-Key', 'x'.repeat(129))
      .send({});
    expect(key.status).toBe(400);
    expect(key.body.error.message).toBe(
      'invalid header: Idempotency-Key must be at most 128 characters',
    );
    const run = await request(server)
      .post(`${MUTATIONS}/runs/Not_A_Name/rerun`)
      .send({});
    expect(run.status).toBe(400);
    expect(run.body.error.message).toMatch(/^invalid path: run must /);
  });

  it('say which annotation a mutation needs', async () => {
    const { server } = await startBackend();
    for (const [route, annotation] of [
      ['start-build', 'mlops.backstage.io/build-config'],
      ['restart-serving', 'mlops.backstage.io/inference-service'],
      ['workbench/stop', 'mlops.backstage.io/workbench'],
    ]) {
      const res = await request(server).post(`${MUTATIONS}/${route}`).send({});
      expect({ route, status: res.status }).toEqual({ route, status: 400 });
      expect(res.body.error.message).toBe(
        `component:default/bare-model has no annotation ${annotation}, so this action has nothing to act on`,
      );
    }
  });

  it('act only on ml-model entities', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post(
        '/api/mlops/entity/component/default/web-service/mutations/run-training',
      )
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'component:default/web-service is not an ml-model Component',
    );
  });
});
