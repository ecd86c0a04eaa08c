import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { clustersWith } from '../__testUtils__/fixtures';
import {
  healthResponse,
  modelSummary,
  pipelineParamsResponse,
  servingDiagnosisResponse,
  summaryResponse,
  trainingResponse,
} from '../__testUtils__/wireFixtures';
import { MlopsClient } from './MlopsClient';

const server = setupServer();
const baseUrl = 'http://backstage.test:7007';
const api = `${baseUrl}/api/mlops`;

function errorBody(status: number, message: string, extra = {}) {
  return {
    error: { name: 'Error', message },
    request: { method: 'GET', url: '/api/mlops' },
    response: { statusCode: status },
    ...extra,
  };
}

describe('MlopsClient', () => {
  registerMswTestHooks(server);

  const client = new MlopsClient({
    discoveryApi: mockApis.discovery({ baseUrl }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });

  describe('getClusters', () => {
    it('reads /clusters of the backend it discovers, as the signed-in user', async () => {
      const seen: (string | null)[] = [];
      server.use(
        http.get(`${api}/clusters`, ({ request }) => {
          seen.push(request.headers.get('authorization'));
          return HttpResponse.json(clustersWith('dev'));
        }),
      );

      await expect(client.getClusters()).resolves.toEqual(clustersWith('dev'));
      expect(seen).toEqual(['Bearer user-token']);
    });
  });

  describe('getTraining', () => {
    it('reads the training route of the entity, with status, limit and cursor in the query', async () => {
      const urls: string[] = [];
      const body = trainingResponse();
      server.use(
        http.get(
          `${api}/entity/:kind/:namespace/:name/training`,
          ({ request }) => {
            urls.push(request.url);
            return HttpResponse.json(body);
          },
        ),
      );

      await expect(
        client.getTraining('component:default/anomaly-detector', {
          status: ['Failed', 'TimedOut'],
          limit: 25,
          cursor: 'abc/def=',
        }),
      ).resolves.toEqual(body);
      await client.getTraining({
        kind: 'Component',
        namespace: 'team a',
        name: 'churn',
      });

      expect(urls).toEqual([
        `${api}/entity/component/default/anomaly-detector/training?status=Failed%2CTimedOut&limit=25&cursor=abc%2Fdef%3D`,
        `${api}/entity/component/team%20a/churn/training`,
      ]);
    });

    it('shares one request between identical reads in flight, and reads again afterwards', async () => {
      let requests = 0;
      server.use(
        http.get(`${api}/entity/:kind/:namespace/:name/training`, () => {
          requests += 1;
          return HttpResponse.json(trainingResponse());
        }),
      );

      const ref = 'component:default/anomaly-detector';
      const [a, b] = await Promise.all([
        client.getTraining(ref, { limit: 25 }),
        client.getTraining(ref, { limit: 25 }),
      ]);
      expect(a).toEqual(b);
      expect(requests).toBe(1);

      await client.getTraining(ref, { limit: 10 });
      expect(requests).toBe(2);
      await client.getTraining(ref, { limit: 25 });
      expect(requests).toBe(3);
    });

    it('throws a ResponseError naming the annotation on a 400', async () => {
      server.use(
        http.get(`${api}/entity/:kind/:namespace/:name/training`, () =>
          HttpResponse.json(
            errorBody(
              400,
              'annotation mlops.backstage.io/namespace is missing',
            ),
            { status: 400, statusText: 'Bad Request' },
          ),
        ),
      );

      const error = await client
        .getTraining('component:default/anomaly-detector')
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(error.cause.message).toBe(
        'annotation mlops.backstage.io/namespace is missing',
      );
    });
  });

  describe('getServingDiagnosis', () => {
    it('reads the diagnosis route of the entity', async () => {
      const urls: string[] = [];
      const body = servingDiagnosisResponse({ inferenceService: 'x' });
      server.use(
        http.get(
          `${api}/entity/:kind/:namespace/:name/health/diagnosis`,
          ({ request }) => {
            urls.push(request.url);
            return HttpResponse.json(body);
          },
        ),
      );
      await expect(
        client.getServingDiagnosis('component:default/anomaly-detector'),
      ).resolves.toEqual(body);
      expect(urls).toEqual([
        `${api}/entity/component/default/anomaly-detector/health/diagnosis`,
      ]);
    });
  });

  describe('getHealth', () => {
    it('reads the health route of the entity', async () => {
      const urls: string[] = [];
      const body = healthResponse();
      server.use(
        http.get(
          `${api}/entity/:kind/:namespace/:name/health`,
          ({ request }) => {
            urls.push(request.url);
            return HttpResponse.json(body);
          },
        ),
      );

      await expect(
        client.getHealth('component:default/anomaly-detector'),
      ).resolves.toEqual(body);
      expect(urls).toEqual([
        `${api}/entity/component/default/anomaly-detector/health`,
      ]);
    });

    it('throws a ResponseError for a non-JSON error body, e.g. from a proxy', async () => {
      server.use(
        http.get(
          `${api}/entity/:kind/:namespace/:name/health`,
          () =>
            new HttpResponse('upstream unavailable', {
              status: 502,
              statusText: 'Bad Gateway',
            }),
        ),
      );

      const error = await client
        .getHealth('component:default/anomaly-detector')
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(502);
    });
  });

  describe('getSummary', () => {
    it('posts every entity ref in one request', async () => {
      const bodies: unknown[] = [];
      const body = summaryResponse([modelSummary()]);
      server.use(
        http.post(`${api}/summary`, async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json(body);
        }),
      );

      await expect(
        client.getSummary([
          'component:default/anomaly-detector',
          { kind: 'Component', namespace: 'default', name: 'churn' },
        ]),
      ).resolves.toEqual(body);
      expect(bodies).toEqual([
        {
          entityRefs: [
            'component:default/anomaly-detector',
            'component:default/churn',
          ],
        },
      ]);
    });

    it('splits more than 500 refs into requests of 500 and merges the answers in order', async () => {
      const sizes: number[] = [];
      server.use(
        http.post(`${api}/summary`, async ({ request }) => {
          const { entityRefs } = (await request.json()) as {
            entityRefs: string[];
          };
          sizes.push(entityRefs.length);
          return HttpResponse.json(
            summaryResponse(entityRefs.map(entityRef => ({ entityRef }))),
          );
        }),
      );

      const refs = Array.from(
        { length: 1001 },
        (_, i) => `component:default/m-${i}`,
      );
      const result = await client.getSummary(refs);
      expect(sizes).toEqual([500, 500, 1]);
      expect(result.items.map(i => i.entityRef)).toEqual(refs);
    });

    it('sends nothing for no refs', async () => {
      await expect(client.getSummary([])).resolves.toEqual({
        items: [],
        freshness: [],
        notInstalled: [],
      });
    });

    it('resolves with the partial items and the error of a 503 that carries items', async () => {
      const partial = modelSummary({
        entityRef: 'component:default/churn',
        cluster: 'prod',
      });
      server.use(
        http.post(`${api}/summary`, () =>
          HttpResponse.json(
            errorBody(503, 'cluster dev is unreachable', {
              items: [partial],
              freshness: [{ cluster: 'prod', state: 'fresh' }],
            }),
            { status: 503, statusText: 'Service Unavailable' },
          ),
        ),
      );

      const result = await client.getSummary(['component:default/churn']);
      expect(result.items).toEqual([partial]);
      expect(result.freshness).toEqual([{ cluster: 'prod', state: 'fresh' }]);
      expect(result.notInstalled).toEqual([]);
      expect(result.partialError).toBeInstanceOf(ResponseError);
      expect(result.partialError?.statusCode).toBe(503);
      expect(result.partialError?.cause.message).toBe(
        'cluster dev is unreachable',
      );
    });

    it('throws on a 503 without items, and on a 403', async () => {
      server.use(
        http.post(`${api}/summary`, () =>
          HttpResponse.json(errorBody(503, 'cluster dev is unreachable'), {
            status: 503,
            statusText: 'Service Unavailable',
          }),
        ),
      );
      const unavailable = await client
        .getSummary(['component:default/churn'])
        .catch(e => e);
      expect(unavailable).toBeInstanceOf(ResponseError);
      expect(unavailable.statusCode).toBe(503);

      server.use(
        http.post(`${api}/summary`, () =>
          HttpResponse.json(errorBody(403, 'no access'), {
            status: 403,
            statusText: 'Forbidden',
          }),
        ),
      );
      const denied = await client
        .getSummary(['component:default/churn'])
        .catch(e => e);
      expect(denied).toBeInstanceOf(ResponseError);
      expect(denied.statusCode).toBe(403);
    });
  });

  describe('getTrainingPipelineParams', () => {
    it("reads the training Pipeline's declared params of the entity", async () => {
      const body = pipelineParamsResponse();
      const urls: string[] = [];
      server.use(
        http.get(
          `${api}/entity/:kind/:namespace/:name/training/pipeline-params`,
          ({ request }) => {
            urls.push(request.url);
            return HttpResponse.json(body);
          },
        ),
      );
      await expect(
        client.getTrainingPipelineParams('component:default/anomaly-detector'),
      ).resolves.toEqual(body);
      expect(urls).toEqual([
        `${api}/entity/component/default/anomaly-detector/training/pipeline-params`,
      ]);
    });
  });
});
