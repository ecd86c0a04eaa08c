import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { createServer } from 'node:net';
import { discoverServedKinds } from '../cache/discoverServedKinds';
import { clusterApiStatusOf } from '../client/MlopsClusterApiError';
import type { MlopsClusterClient } from '../client/types';
import { MLOPS_RESOURCE_KINDS } from '../kinds/resourceKinds';
import { capturingLogger } from '../testUtils/capturingLogger';
import {
  mockMlopsClusterAccessFromKubeconfig,
  mockMlopsClusterClients,
  type MockClusterDetailsOptions,
} from '../testUtils/mockClusterAccess';
import {
  adminClient,
  backendAccess,
  DevCluster,
  ensureNamespace,
  pipelineRun,
} from './__testUtils__/devClusterSetup';

// The cluster client against the real API server (through the shim), as the
// least-privilege backend ServiceAccount: reads, the actions its Role grants, and the
// mapping of every refusal onto @backstage/errors — without a credential in any message.

const ns = 'it-mlops-node-client';
const SA = 'system:serviceaccount:backstage-mlops-system:backstage-mlops';
const { pipelineruns } = MLOPS_RESOURCE_KINDS;
const buildconfigs = MLOPS_RESOURCE_KINDS.buildconfigs;
let cluster: DevCluster;
let backend: MlopsClusterClient;
let admin: MlopsClusterClient;
const logger = capturingLogger();

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  backend = mockMlopsClusterClients(backendAccess(cluster)).forCluster('dev');
  admin = adminClient(cluster);
  await ensureNamespace(admin, ns);
});

afterAll(async () => {
  await admin.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns}` });
});

describe('cluster client against the dev cluster', () => {
  it('reads the seeded PipelineRuns and pages through them', async () => {
    const page = await backend.listObjects({
      resource: pipelineruns,
      namespace: 'mlops-demo',
      labelSelector: 'model-name=anomaly-detector',
      limit: 5,
    });
    expect(page.items).toHaveLength(5);
    expect(page.metadata.continue).toBeTruthy();
    const rest = await backend.listObjects({
      resource: pipelineruns,
      namespace: 'mlops-demo',
      labelSelector: 'model-name=anomaly-detector',
      limit: 100,
      continue: page.metadata.continue,
    });
    const all = await backend.listObjects({
      resource: pipelineruns,
      namespace: 'mlops-demo',
      labelSelector: 'model-name=anomaly-detector',
    });
    // (other suites may add runs meanwhile: at least the 16 seeded ones, and all of them)
    expect(page.items.length + rest.items.length).toBeGreaterThanOrEqual(16);
    expect(all.items.length).toBeGreaterThanOrEqual(
      page.items.length + rest.items.length,
    );
    const one = await backend.getObject({
      resource: pipelineruns,
      namespace: 'mlops-demo',
      name: page.items[0].metadata!.name!,
    });
    expect(one.kind).toBe('PipelineRun');
  });

  it('discovers every kind the dev cluster serves', async () => {
    const served = await discoverServedKinds(backend);
    expect([...served.values()].every(k => k.served)).toBe(true);
  });

  it('creates with server-side apply, merge-patches, reads a pod log and instantiates a BuildConfig', async () => {
    const applied = await backend.applyObject({
      resource: pipelineruns,
      namespace: ns,
      name: 'it-apply',
      body: pipelineRun('it-apply', 'm'),
      fieldManager: 'backstage-mlops',
    });
    expect(applied.metadata?.managedFields).toEqual([
      expect.objectContaining({
        manager: 'backstage-mlops',
        operation: 'Apply',
      }),
    ]);
    const patched = await backend.patchObject({
      resource: pipelineruns,
      namespace: ns,
      name: 'it-apply',
      patch: { spec: { status: 'Cancelled' } },
    });
    expect((patched.spec as { status?: string }).status).toBe('Cancelled');

    const pods = await backend.listObjects({
      resource: { group: '', version: 'v1', plural: 'pods' },
      namespace: 'mlops-demo',
      labelSelector: 'tekton.dev/pipelineTask=train-model',
      limit: 1,
    });
    const pod = pods.items[0];
    const container = (pod.spec as { containers: Array<{ name: string }> })
      .containers[0].name;
    const log = await backend.readPodLog({
      namespace: 'mlops-demo',
      name: pod.metadata!.name!,
      container,
      tailLines: 3,
    });
    expect(log.length).toBeGreaterThan(0);

    await admin.createObject({
      resource: buildconfigs,
      namespace: ns,
      body: {
        apiVersion: 'build.openshift.io/v1',
        kind: 'BuildConfig',
        metadata: { name: 'it-bc', labels: { 'sim.mlops.dev/skip': 'true' } },
        spec: {
          source: {
            type: 'Git',
            git: { uri: 'https://github.com/acme/models.git' },
          },
          strategy: { type: 'Docker', dockerStrategy: {} },
          output: { to: { kind: 'ImageStreamTag', name: 'it-bc:latest' } },
        },
      },
    });
    const build = await backend.request({
      method: 'POST',
      path: `/apis/build.openshift.io/v1/namespaces/${ns}/buildconfigs/it-bc/instantiate`,
      body: {
        kind: 'BuildRequest',
        apiVersion: 'build.openshift.io/v1',
        metadata: { name: 'it-bc' },
      },
    });
    expect(build.status).toBe(201);
    expect(build.body).toMatchObject({
      kind: 'Build',
      metadata: { name: 'it-bc-1' },
    });
  });

  it('maps the API server refusals onto @backstage/errors', async () => {
    await admin.createObject({
      resource: pipelineruns,
      namespace: ns,
      body: pipelineRun('it-existing', 'm'),
    });

    const forbidden = await failure(
      backend.request({
        method: 'DELETE',
        path: `/apis/tekton.dev/v1/namespaces/${ns}/pipelineruns/it-existing`,
      }),
    );
    expect(forbidden).toBeInstanceOf(NotAllowedError);
    expect(forbidden.message).toContain(
      `the cluster dev refused to delete pipelineruns.tekton.dev "it-existing" in namespace ${ns}`,
    );
    expect(forbidden.message).toContain(
      `User "${SA}" cannot delete resource "pipelineruns"`,
    );
    expect(forbidden.message).toContain(
      `grant "delete" on "pipelineruns" in API group "tekton.dev" in namespace "${ns}" to ${SA} in the backend's Role`,
    );

    const secrets = await failure(
      backend.listObjects({
        resource: { group: '', version: 'v1', plural: 'secrets' },
        namespace: ns,
      }),
    );
    expect(secrets).toBeInstanceOf(NotAllowedError);
    expect(secrets.message).toContain('grant "list" on "secrets"');

    const missing = await failure(
      backend.getObject({
        resource: pipelineruns,
        namespace: ns,
        name: 'nope',
      }),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toContain(
      'pipelineruns.tekton.dev "nope" not found (cluster dev, namespace',
    );

    const conflict = await failure(
      backend.createObject({
        resource: pipelineruns,
        namespace: ns,
        body: pipelineRun('it-existing', 'm'),
      }),
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toContain('already exists');

    const invalid = await failure(
      backend.createObject({
        resource: pipelineruns,
        namespace: ns,
        body: {
          ...pipelineRun('it-invalid', 'm'),
          spec: { pipelineRef: { name: 'p' }, timeout: '1h' },
        },
      }),
    );
    expect(invalid).toBeInstanceOf(InputError);
    expect(clusterApiStatusOf(invalid)).toBe(422);
    expect(invalid.message).toContain('spec.timeouts.pipeline');
  });

  it('reports a wrong token, an unknown CA and a dead address as ServiceUnavailableError without the credentials', async () => {
    const wrongToken =
      'eyJhbGciOiJSUzI1NiJ9.d3JvbmctdG9rZW4tcGF5bG9hZA.d3Jvbmctc2lnbmF0dXJl';
    const other = capturingLogger();
    const make = (extra: MockClusterDetailsOptions & { url?: string }) =>
      mockMlopsClusterClients(backendAccess(cluster, 'dev', extra), {
        requestTimeoutMs: 3000,
      }).forCluster('dev');

    const unauthorized = await failure(
      make({ serviceAccountToken: wrongToken }).listObjects({
        resource: pipelineruns,
        namespace: 'mlops-demo',
        labelSelector: 'model-name=anomaly-detector',
      }),
    );
    expect(unauthorized).toBeInstanceOf(ServiceUnavailableError);
    expect(unauthorized.message).toContain(
      "cluster dev rejected the backend's credentials",
    );
    expect(clusterApiStatusOf(unauthorized)).toBe(401);

    const unknownCa = await failure(
      make({ caData: undefined }).listObjects({ resource: pipelineruns }),
    );
    expect(unknownCa).toBeInstanceOf(ServiceUnavailableError);
    expect(unknownCa.message).toContain(
      'check the cluster CA (caData or caFile)',
    );

    // A port nothing listens on (fetch refuses the "bad ports" such as 1 outright).
    const closed = createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as { port: number };
    await new Promise(r => closed.close(r));
    const dead = await failure(
      make({ url: `https://127.0.0.1:${port}` }).listObjects({
        resource: pipelineruns,
      }),
    );
    expect(dead.message).toMatch(
      /^cluster dev is unreachable \(list pipelineruns.tekton.dev\): connect ECONNREFUSED/,
    );

    // A URL with a query (where some proxies take a token) is refused, unechoed.
    const queryUrl = await failure(
      make({
        url: `${cluster.state.server}/?access_token=${wrongToken}`,
      }).listObjects({ resource: pipelineruns }),
    );
    expect(queryUrl.message).toContain(
      'cluster dev cannot be used by backstage-mlops: its URL must not carry credentials, a query string or a fragment',
    );

    for (const error of [unauthorized, unknownCa, dead, queryUrl]) {
      for (const secret of [wrongToken, cluster.state.backendToken]) {
        expect(error.message).not.toContain(secret);
        expect(JSON.stringify(error)).not.toContain(secret);
      }
    }
    const logged = [...logger.lines, ...other.lines].join('\n');
    expect(logged).not.toContain(wrongToken);
    expect(logged).not.toContain(cluster.state.backendToken);
  });

  it("works with an auth strategy's x509 client certificate", async () => {
    const client = mockMlopsClusterClients(
      mockMlopsClusterAccessFromKubeconfig(
        'cert',
        cluster.state.adminKubeconfig,
      ),
    ).forCluster('cert');
    const list = await client.listObjects({
      resource: { group: '', version: 'v1', plural: 'secrets' },
      namespace: ns,
    });
    expect(Array.isArray(list.items)).toBe(true);
  });
});
