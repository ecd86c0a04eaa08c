import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { MLOPS_RESOURCE_KINDS } from '../kinds/resourceKinds';
import { capturingLogger } from '../testUtils/capturingLogger';
import {
  clusterDetails,
  staticClusterRegistry,
} from '../testUtils/staticClusters';
import {
  json,
  startFakeApiServer,
  status,
  type FakeHandler,
} from '../testUtils/fakeApiServer';
import { DefaultMlopsClusterClients } from './DefaultMlopsClusterClients';
import { clusterApiStatusOf } from './MlopsClusterApiError';
import type { MlopsWatchEvent } from './types';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJlLXNlY3JldA';
const pipelineruns = MLOPS_RESOURCE_KINDS.pipelineruns;
const SA = 'system:serviceaccount:backstage-mlops-system:backstage-mlops';

let handler: FakeHandler;
let server: Awaited<ReturnType<typeof startFakeApiServer>>;
const logger = capturingLogger();

function clientFor(url: string, options?: { requestTimeoutMs?: number }) {
  return DefaultMlopsClusterClients.create({
    registry: staticClusterRegistry([
      clusterDetails('dev', url, { serviceAccountToken: TOKEN }),
    ]),
    ...options,
  }).forCluster('dev');
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  server = await startFakeApiServer((req, res) => handler(req, res));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('DefaultMlopsClusterClients', () => {
  it('throws NotFoundError for a cluster the Kubernetes plugin does not locate', async () => {
    const clients = DefaultMlopsClusterClients.create({
      registry: staticClusterRegistry([
        clusterDetails('dev', server.url, { serviceAccountToken: TOKEN }),
      ]),
    });
    const error = await failure(
      clients.forCluster('nope').listObjects({ resource: pipelineruns }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'cluster "nope" is not located by the Kubernetes plugin (kubernetes.clusterLocatorMethods); located clusters: dev',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('says that no cluster is configured when the Kubernetes plugin locates none', async () => {
    const clients = DefaultMlopsClusterClients.create({
      registry: staticClusterRegistry([]),
    });
    const error = await failure(
      clients.forCluster('nope').listObjects({ resource: pipelineruns }),
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      /^no cluster is configured for backstage-mlops: add one under kubernetes\.clusterLocatorMethods/,
    );
  });

  it('lists, gets, creates, merge-patches and applies with the right paths, content types and token', async () => {
    handler = (req, res) =>
      json(res, req.method === 'POST' ? 201 : 200, {
        metadata: { name: 'x', resourceVersion: '7', continue: 'next' },
        items: [{ metadata: { name: 'a' } }],
      });
    const client = clientFor(server.url);
    const list = await client.listObjects({
      resource: pipelineruns,
      namespace: 'mlops-demo',
      labelSelector: 'model-name=a',
      limit: 10,
    });
    expect(list).toEqual({
      metadata: { resourceVersion: '7', continue: 'next' },
      items: [{ metadata: { name: 'a' } }],
    });
    await client.getObject({
      resource: pipelineruns,
      namespace: 'n',
      name: 'x',
    });
    await client.createObject({
      resource: pipelineruns,
      namespace: 'n',
      body: { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun' },
      dryRun: true,
    });
    await client.patchObject({
      resource: pipelineruns,
      namespace: 'n',
      name: 'x',
      patch: { spec: { status: 'Cancelled' } },
    });
    await client.applyObject({
      resource: pipelineruns,
      namespace: 'n',
      name: 'x',
      body: {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'x' },
      },
      fieldManager: 'backstage-mlops',
      force: true,
    });
    const seen = server.requests.map(r => ({
      method: r.method,
      path: r.path,
      query: r.query,
      type: r.headers['content-type'],
    }));
    expect(seen).toEqual([
      {
        method: 'GET',
        path: '/apis/tekton.dev/v1/namespaces/mlops-demo/pipelineruns',
        query: { labelSelector: 'model-name=a', limit: '10' },
        type: undefined,
      },
      {
        method: 'GET',
        path: '/apis/tekton.dev/v1/namespaces/n/pipelineruns/x',
        query: {},
        type: undefined,
      },
      {
        method: 'POST',
        path: '/apis/tekton.dev/v1/namespaces/n/pipelineruns',
        query: { dryRun: 'All' },
        type: 'application/json',
      },
      {
        method: 'PATCH',
        path: '/apis/tekton.dev/v1/namespaces/n/pipelineruns/x',
        query: {},
        type: 'application/merge-patch+json',
      },
      {
        method: 'PATCH',
        path: '/apis/tekton.dev/v1/namespaces/n/pipelineruns/x',
        query: { fieldManager: 'backstage-mlops', force: 'true' },
        type: 'application/apply-patch+yaml',
      },
    ]);
    expect(server.requests[3].body).toBe('{"spec":{"status":"Cancelled"}}');
    expect(
      server.requests.every(r => r.headers.authorization === `Bearer ${TOKEN}`),
    ).toBe(true);
  });

  it("asks the auth strategy again once a credential is older than its time to live (rotated tokens), and the scaffolder's token file too", async () => {
    handler = (_req, res) => json(res, 200, { items: [], metadata: {} });
    let issued = 0;
    const dir = mkdtempSync(join(tmpdir(), 'mlops-token-'));
    writeFileSync(join(dir, 'token'), 'file-token-1234567');
    const registry = staticClusterRegistry(
      [clusterDetails('dev', server.url)],
      {
        authStrategy: {
          getCredential: async () => ({
            type: 'bearer token',
            token: `rotated-token-${++issued}`,
          }),
          validateCluster: () => [],
          presentAuthMetadata: () => ({}),
        },
        mlops: {
          clusters: [
            {
              name: 'dev',
              scaffolder: { serviceAccountTokenFile: join(dir, 'token') },
            },
          ],
        },
        credentialTtlMs: 0,
      },
    );
    const backend = DefaultMlopsClusterClients.create({ registry }).forCluster(
      'dev',
    );
    await backend.listObjects({ resource: pipelineruns });
    await backend.listObjects({ resource: pipelineruns });
    const scaffolder = DefaultMlopsClusterClients.create({
      registry,
      identity: 'scaffolder',
    }).forCluster('dev');
    await scaffolder.listObjects({ resource: pipelineruns });
    writeFileSync(join(dir, 'token'), 'file-token-7654321');
    await scaffolder.listObjects({ resource: pipelineruns });
    expect(server.requests.map(r => r.headers.authorization)).toEqual([
      expect.stringMatching(/^Bearer rotated-token-\d+$/),
      expect.stringMatching(/^Bearer rotated-token-\d+$/),
      'Bearer file-token-1234567',
      'Bearer file-token-7654321',
    ]);
    expect(server.requests[0].headers.authorization).not.toBe(
      server.requests[1].headers.authorization,
    );
    rmSync(dir, { recursive: true, force: true });
    const missing = await failure(
      scaffolder.listObjects({ resource: pipelineruns }),
    );
    expect(missing.message).toContain(
      'the scaffolder identity of cluster dev cannot be read from mlops.clusters[].scaffolder.serviceAccountTokenFile: ENOENT',
    );
  });

  it('reads pod logs and sends raw subresource requests', async () => {
    handler = (req, res) => {
      if (req.path.endsWith('/log')) {
        res.setHeader('content-type', 'text/plain');
        res.end('line 1\nline 2\n');
      } else {
        json(res, 201, { kind: 'Build', metadata: { name: 'bc-2' } });
      }
    };
    const client = clientFor(server.url);
    await expect(
      client.readPodLog({
        namespace: 'n',
        name: 'p',
        container: 'step-train',
        tailLines: 5,
      }),
    ).resolves.toBe('line 1\nline 2\n');
    await expect(
      client.request({
        method: 'POST',
        path: '/apis/build.openshift.io/v1/namespaces/n/buildconfigs/bc/instantiate',
        body: { kind: 'BuildRequest', metadata: { name: 'bc' } },
      }),
    ).resolves.toEqual({
      status: 201,
      contentType: 'application/json',
      body: { kind: 'Build', metadata: { name: 'bc-2' } },
    });
    expect(server.requests.map(r => [r.method, r.path, r.query])).toEqual([
      [
        'GET',
        '/api/v1/namespaces/n/pods/p/log',
        { container: 'step-train', tailLines: '5' },
      ],
      [
        'POST',
        '/apis/build.openshift.io/v1/namespaces/n/buildconfigs/bc/instantiate',
        {},
      ],
    ]);
  });

  it('rejects bad input before sending anything', async () => {
    const client = clientFor(server.url);
    await expect(
      client.getObject({
        resource: pipelineruns,
        namespace: 'Bad_NS',
        name: 'x',
      }),
    ).rejects.toThrow(InputError);
    await expect(
      client.getObject({
        resource: pipelineruns,
        namespace: 'n',
        name: '../x',
      }),
    ).rejects.toThrow('name must be a single path segment');
    await expect(
      client.request({ method: 'GET', path: '/healthz?x=1' }),
    ).rejects.toThrow('must be an API path');
    await expect(
      client.applyObject({
        resource: pipelineruns,
        namespace: 'n',
        name: 'x',
        body: { metadata: { name: 'y' } },
        fieldManager: 'm',
      }),
    ).rejects.toThrow('body.metadata.name must be "x"');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [
      403,
      status(
        403,
        'Forbidden',
        `pipelineruns.tekton.dev "x" is forbidden: User "${SA}" cannot delete resource "pipelineruns" in API group "tekton.dev" in the namespace "n"`,
      ),
      NotAllowedError,
      `the cluster dev refused to delete pipelineruns.tekton.dev "x" in namespace n: pipelineruns.tekton.dev "x" is forbidden: User "${SA}" cannot delete resource "pipelineruns" in API group "tekton.dev" in the namespace "n"; grant "delete" on "pipelineruns" in API group "tekton.dev" in namespace "n" to ${SA} in the backend's Role`,
    ],
    [
      404,
      status(404, 'NotFound', 'pipelineruns.tekton.dev "x" not found'),
      NotFoundError,
      'pipelineruns.tekton.dev "x" not found (cluster dev, namespace n)',
    ],
    [
      409,
      status(409, 'Conflict', 'the object has been modified'),
      ConflictError,
      'the object has been modified (cluster dev, delete pipelineruns.tekton.dev "x" in namespace n)',
    ],
    [
      422,
      status(422, 'Invalid', 'spec.params[0].value: Invalid value'),
      InputError,
      'the cluster dev rejected the request to delete pipelineruns.tekton.dev "x" in namespace n: spec.params[0].value: Invalid value',
    ],
    [
      503,
      status(503, 'ServiceUnavailable', 'etcd is down'),
      ServiceUnavailableError,
      'cluster dev failed to delete pipelineruns.tekton.dev "x" in namespace n: etcd is down',
    ],
  ])(
    'maps HTTP %d onto @backstage/errors',
    async (code, body, type, message) => {
      handler = (_req, res) => json(res, code, body);
      const error = await failure(
        clientFor(server.url).request({
          method: 'DELETE',
          path: '/apis/tekton.dev/v1/namespaces/n/pipelineruns/x',
        }),
      );
      expect(error).toBeInstanceOf(type);
      expect(error.message.split('; caused by')[0]).toBe(message);
      expect(clusterApiStatusOf(error)).toBe(code);
    },
  );

  it('reports an unreachable cluster and a timeout as ServiceUnavailableError naming the cluster', async () => {
    const closed = await startFakeApiServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const refused = await failure(
      clientFor(url).listObjects({ resource: pipelineruns }),
    );
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect(refused.message).toMatch(
      /^cluster dev is unreachable \(list pipelineruns\.tekton\.dev\): connect ECONNREFUSED/,
    );
    handler = () => undefined; // never answers
    const slow = await failure(
      clientFor(server.url, { requestTimeoutMs: 200 }).listObjects({
        resource: pipelineruns,
      }),
    );
    expect(slow).toBeInstanceOf(ServiceUnavailableError);
    expect(slow.message).toContain('no answer within 0 s');
  });

  it('never puts the token into an error message or a log line', async () => {
    // A wrong token: the API server answers 401, and some servers echo the header.
    handler = (req, res) =>
      json(
        res,
        401,
        status(
          401,
          'Unauthorized',
          `invalid bearer token: ${req.headers.authorization}`,
        ),
      );
    const errors = [
      await failure(
        clientFor(server.url).listObjects({ resource: pipelineruns }),
      ),
      await failure(
        clientFor(server.url).request({
          method: 'GET',
          path: '/apis/tekton.dev/v1/pipelineruns',
          query: { labelSelector: 'a=b' },
        }),
      ),
    ];
    handler = (req, res) =>
      json(
        res,
        403,
        status(403, 'Forbidden', `token ${req.headers.authorization} refused`),
      );
    errors.push(
      await failure(
        clientFor(server.url).getObject({
          resource: pipelineruns,
          namespace: 'n',
          name: 'x',
        }),
      ),
    );
    for (const error of errors) {
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain('c2VjcmV0LXBheWxvYWQ');
      expect(JSON.stringify(error)).not.toContain(TOKEN);
    }
    expect(errors[0]).toBeInstanceOf(ServiceUnavailableError);
    expect(errors[0].message).toContain(
      "cluster dev rejected the backend's credentials (list pipelineruns.tekton.dev); check the token or client certificate",
    );
    expect(errors[2].message).toContain('token Bearer [REDACTED] refused');
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });

  describe('watchObjects', () => {
    it('delivers events and bookmarks, and resolves when the server ends the watch', async () => {
      handler = (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.write(
          `${JSON.stringify({
            type: 'ADDED',
            object: { metadata: { name: 'a', resourceVersion: '2' } },
          })}\n{"type":"BOOK`,
        );
        setTimeout(() => {
          res.end(
            `MARK","object":{"metadata":{"resourceVersion":"3"}}}\n${JSON.stringify(
              {
                type: 'DELETED',
                object: { metadata: { name: 'a', resourceVersion: '4' } },
              },
            )}\n`,
          );
        }, 20);
      };
      const events: MlopsWatchEvent[] = [];
      const opened = jest.fn();
      await clientFor(server.url).watchObjects({
        resource: pipelineruns,
        resourceVersion: '1',
        timeoutSeconds: 60,
        onOpen: opened,
        onEvent: e => events.push(e),
      });
      expect(opened).toHaveBeenCalledTimes(1);
      expect(
        events.map(e => `${e.type} ${e.object.metadata?.resourceVersion}`),
      ).toEqual(['ADDED 2', 'BOOKMARK 3', 'DELETED 4']);
      expect(server.requests[0].query).toEqual({
        watch: 'true',
        allowWatchBookmarks: 'true',
        resourceVersion: '1',
        timeoutSeconds: '60',
      });
    });

    it('ends with a 410 ConflictError on an expired resourceVersion (ERROR event or HTTP 410)', async () => {
      handler = (_req, res) => {
        res.write(
          `${JSON.stringify({
            type: 'ERROR',
            object: status(410, 'Expired', 'too old resource version: 1 (50)'),
          })}\n`,
        );
      };
      const fromEvent = await failure(
        clientFor(server.url).watchObjects({
          resource: pipelineruns,
          onEvent: () => {},
        }),
      );
      expect(fromEvent).toBeInstanceOf(ConflictError);
      expect(clusterApiStatusOf(fromEvent)).toBe(410);
      expect(fromEvent.message).toContain('too old resource version: 1 (50)');
      handler = (_req, res) => json(res, 410, status(410, 'Gone', 'gone'));
      const fromStatus = await failure(
        clientFor(server.url).watchObjects({
          resource: pipelineruns,
          onEvent: () => {},
        }),
      );
      expect(clusterApiStatusOf(fromStatus)).toBe(410);
    });

    it("names the API server's message when a watch is refused, and fails on a line that is not an event", async () => {
      handler = (_req, res) =>
        json(
          res,
          403,
          status(
            403,
            'Forbidden',
            'pipelineruns.tekton.dev is forbidden: User "x" cannot watch resource "pipelineruns"',
          ),
        );
      const refused = await failure(
        clientFor(server.url).watchObjects({
          resource: pipelineruns,
          onEvent: () => {},
        }),
      );
      expect(refused).toBeInstanceOf(NotAllowedError);
      expect(refused.message).toContain(
        'User "x" cannot watch resource "pipelineruns"',
      );
      handler = (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end('{"type":"ADDED","object":{}}\nnot json\n');
      };
      const garbled = await failure(
        clientFor(server.url).watchObjects({
          resource: pipelineruns,
          onEvent: () => {},
        }),
      );
      expect(garbled).toBeInstanceOf(ServiceUnavailableError);
      expect(garbled.message).toBe(
        'cluster dev sent a watch event that is not a Kubernetes watch event',
      );
    });

    it('detects a hung watch with the idle timeout, and a broken one', async () => {
      handler = (_req, res) => {
        res.write('\n');
      };
      const hung = await failure(
        clientFor(server.url).watchObjects({
          resource: pipelineruns,
          idleTimeoutMs: 150,
          onEvent: () => {},
        }),
      );
      expect(hung).toBeInstanceOf(ServiceUnavailableError);
      expect(hung.message).toContain(
        'the watch received nothing for 0 s (hung connection)',
      );

      handler = (_req, res) => {
        res.write(
          `${JSON.stringify({
            type: 'ADDED',
            object: { metadata: { name: 'a' } },
          })}\n`,
        );
        setTimeout(() => server.dropConnections(), 20);
      };
      const broken = await failure(
        clientFor(server.url).watchObjects({
          resource: pipelineruns,
          onEvent: () => {},
        }),
      );
      expect(broken).toBeInstanceOf(ServiceUnavailableError);
      expect(broken.message).toContain(
        'cluster dev is unreachable (watch pipelineruns.tekton.dev)',
      );
    });

    it('resolves quietly when aborted in the middle of an event', async () => {
      handler = (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.write('{"type":"ADDED","object":{"metadata":');
      };
      const controller = new AbortController();
      const watching = clientFor(server.url).watchObjects({
        resource: pipelineruns,
        onOpen: () => setTimeout(() => controller.abort(), 50),
        onEvent: () => {},
        signal: controller.signal,
      });
      await expect(watching).resolves.toBeUndefined();
    });

    it('resolves quietly when aborted', async () => {
      handler = (_req, res) => {
        res.write('\n');
      };
      const abort = new AbortController();
      const watching = clientFor(server.url).watchObjects({
        resource: pipelineruns,
        signal: abort.signal,
        onOpen: () => abort.abort(),
        onEvent: () => {},
      });
      await expect(watching).resolves.toBeUndefined();
    });
  });
});
