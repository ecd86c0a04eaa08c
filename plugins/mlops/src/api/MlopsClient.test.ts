import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { MlopsBackendStatusResponse } from '@backstage-mlops/plugin-mlops-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MlopsClient } from './MlopsClient';

const server = setupServer();

describe('MlopsClient', () => {
  registerMswTestHooks(server);

  const baseUrl = 'http://backstage.test:7007';
  const client = new MlopsClient({
    discoveryApi: mockApis.discovery({ baseUrl }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });

  it('gets the health of the backend plugin it discovers, as the signed-in user', async () => {
    const health: MlopsBackendStatusResponse = {
      status: 'ok',
      clusters: [{ name: 'dev', source: 'kubernetes' }],
    };
    const seen: { url: string; authorization: string | null }[] = [];
    server.use(
      http.get(`${baseUrl}/api/mlops/health`, ({ request }) => {
        seen.push({
          url: request.url,
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json(health);
      }),
    );

    await expect(client.getHealth()).resolves.toEqual(health);
    expect(seen).toEqual([
      {
        url: `${baseUrl}/api/mlops/health`,
        authorization: 'Bearer user-token',
      },
    ]);
  });

  it('throws a ResponseError carrying the backend error on a failed request', async () => {
    server.use(
      http.get(`${baseUrl}/api/mlops/health`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'no access to mlops' },
            request: { method: 'GET', url: '/api/mlops/health' },
            response: { statusCode: 403 },
          },
          { status: 403, statusText: 'Forbidden' },
        ),
      ),
    );

    const error = await client.getHealth().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.message).toBe('Request failed with 403 Forbidden');
    expect(error.cause).toMatchObject({
      name: 'NotAllowedError',
      message: 'no access to mlops',
    });
  });

  it('throws a ResponseError for a non-JSON error body, e.g. from a proxy', async () => {
    server.use(
      http.get(
        `${baseUrl}/api/mlops/health`,
        () =>
          new HttpResponse('upstream unavailable', {
            status: 502,
            statusText: 'Bad Gateway',
          }),
      ),
    );

    const error = await client.getHealth().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });
});
