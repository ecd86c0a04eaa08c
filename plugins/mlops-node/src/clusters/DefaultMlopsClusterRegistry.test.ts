import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AksStrategy,
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  DispatchStrategy,
  GoogleServiceAccountStrategy,
  GoogleStrategy,
  OidcStrategy,
} from '@backstage/plugin-kubernetes-backend';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import { clusterProblemOf } from '@backstage-mlops/plugin-mlops-common';
import { DefaultMlopsClusterClients } from '../client/DefaultMlopsClusterClients';
import { MLOPS_RESOURCE_KINDS } from '../kinds/resourceKinds';
import { KubernetesClusterAccessHolder } from '../kubernetes/KubernetesClusterAccessHolder';
import { capturingLogger } from '../testUtils/capturingLogger';
import { json, startFakeApiServer } from '../testUtils/fakeApiServer';
import {
  clusterDetails,
  staticClusterRegistry,
} from '../testUtils/staticClusters';
import { DefaultMlopsClusterRegistry } from './DefaultMlopsClusterRegistry';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJlLXNlY3JldA';

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    e => e as Error,
  );
}

describe('DefaultMlopsClusterRegistry', () => {
  const prod = clusterDetails('prod', 'https://prod.example.com:6443', {
    serviceAccountToken: TOKEN,
    title: 'Production',
  });
  const dev = clusterDetails('dev', 'https://dev.example.com:6443', {
    serviceAccountToken: TOKEN,
  });

  it('lists the clusters the Kubernetes plugin locates, with what mlops.clusters adds and never a credential', async () => {
    const registry = staticClusterRegistry([prod, dev], {
      mlops: {
        clusters: [
          {
            name: 'dev',
            workbenchUrlTemplate: 'https://dash/projects/{namespace}',
            allowedOwners: { 'ml-churn': ['retention-team'] },
            scaffolder: { serviceAccountToken: 'scaffolder-token' },
          },
        ],
      },
    });
    const clusters = await registry.listClusters();
    expect(clusters).toEqual([
      {
        name: 'prod',
        title: 'Production',
        url: 'https://prod.example.com:6443',
        authProvider: 'serviceAccount',
      },
      {
        name: 'dev',
        url: 'https://dev.example.com:6443',
        authProvider: 'serviceAccount',
      },
    ]);
    expect(JSON.stringify(clusters)).not.toContain(TOKEN);
    expect(registry.clusterSettings('dev')).toEqual({
      workbenchUrlTemplate: 'https://dash/projects/{namespace}',
      allowedOwners: new Map([['ml-churn', ['group:default/retention-team']]]),
      hasScaffolderIdentity: true,
    });
    expect(registry.clusterSettings('prod')).toEqual({
      workbenchUrlTemplate: undefined,
      allowedOwners: new Map(),
      hasScaffolderIdentity: false,
    });
  });

  it('resolves a named cluster, and the only one when none is named; each refusal carries its problem', async () => {
    const many = staticClusterRegistry([prod, dev]);
    expect((await many.resolveCluster('dev')).url).toBe(
      'https://dev.example.com:6443',
    );
    expect((await staticClusterRegistry([dev]).resolveCluster()).name).toBe(
      'dev',
    );

    const unknown = await failure(many.resolveCluster('nope'));
    expect(unknown.name).toBe('NotFoundError');
    expect(unknown.message).toBe(
      'cluster "nope" is not located by the Kubernetes plugin (kubernetes.clusterLocatorMethods); located clusters: prod, dev',
    );
    expect(clusterProblemOf(unknown)).toEqual({
      type: 'unknown-cluster',
      cluster: 'nope',
      configured: ['prod', 'dev'],
    });

    const ambiguous = await failure(many.resolveCluster());
    expect(ambiguous).toBeInstanceOf(InputError);
    expect(ambiguous.message).toMatch(
      /several clusters are configured \(prod, dev\); set the mlops.backstage.io\/cluster annotation/,
    );
    expect(clusterProblemOf(ambiguous)).toEqual({
      type: 'ambiguous-cluster',
      configured: ['prod', 'dev'],
    });

    // No cluster at all: the portal's config is missing (503), nothing of the entity's.
    const none = await failure(staticClusterRegistry([]).resolveCluster());
    expect(none.name).toBe('ServiceUnavailableError');
    expect(none.message).toBe(
      'no cluster is configured for backstage-mlops: add one under kubernetes.clusterLocatorMethods in app-config.yaml (the Kubernetes plugin locates the clusters backstage-mlops uses)',
    );
    expect(clusterProblemOf(none)).toEqual({ type: 'no-clusters' });
  });

  it('follows the Kubernetes plugin as clusters come and go: a named cluster it did not have is asked for at once', async () => {
    let located: ClusterDetails[] = [dev];
    let asked = 0;
    const registry = staticClusterRegistry(
      () => {
        asked++;
        return located;
      },
      { refreshIntervalMs: 60_000 },
    );
    expect((await registry.listClusters()).map(c => c.name)).toEqual(['dev']);
    located = [dev, prod]; // e.g. a new kubernetes-cluster Resource in the catalog
    expect((await registry.listClusters()).map(c => c.name)).toEqual(['dev']);
    // The list is older than 5 s only in a test that waits: force it by time.
    jest.useFakeTimers({ now: Date.now() + 6_000, advanceTimers: true });
    try {
      expect((await registry.resolveCluster('prod')).name).toBe('prod');
    } finally {
      jest.useRealTimers();
    }
    expect(asked).toBe(2);
  });

  it("keeps the last list when the Kubernetes plugin's locators fail, and says so when there never was one", async () => {
    let fail = false;
    const logger = capturingLogger();
    const registry = DefaultMlopsClusterRegistry.create({
      access: {
        getClusters: async () => {
          if (fail) throw new Error('Failed to retrieve clusters from catalog');
          return [dev];
        },
        authStrategy: new AnonymousStrategy(),
      },
      config: new ConfigReader({}),
      logger,
      refreshIntervalMs: 0,
    });
    await registry.listClusters();
    fail = true;
    expect((await registry.listClusters()).map(c => c.name)).toEqual(['dev']);
    expect(logger.lines.join('\n')).toContain(
      "could not read the Kubernetes plugin's clusters (keeping the last list): Failed to retrieve clusters from catalog",
    );

    const never = DefaultMlopsClusterRegistry.create({
      access: {
        getClusters: async () => {
          throw new Error('catalog unavailable');
        },
        authStrategy: new AnonymousStrategy(),
      },
      config: new ConfigReader({}),
      logger,
    });
    const error = await failure(never.resolveCluster('dev'));
    expect(error.name).toBe('ServiceUnavailableError');
    expect(clusterProblemOf(error)).toEqual({
      type: 'clusters-unavailable',
      reason: 'catalog unavailable',
    });
  });

  it('says what to install when the Kubernetes backend plugin never handed its clusters over', async () => {
    const holder = KubernetesClusterAccessHolder.create();
    const registry = DefaultMlopsClusterRegistry.create({
      access: holder.get(),
      config: new ConfigReader({}),
      logger: capturingLogger(),
    });
    holder.backendStarted();
    const error = await failure(registry.listClusters());
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain(
      'install @backstage/plugin-kubernetes-backend in the backend',
    );
    expect(clusterProblemOf(error)?.type).toBe('clusters-unavailable');
  });

  it.each([
    [
      { name: 'dev', url: 'https://dev' },
      "mlops.clusters[0].url is no longer read: the cluster's URL, TLS settings and credentials are configured once, for the Kubernetes plugin, under kubernetes.clusterLocatorMethods",
    ],
    [
      { name: 'dev', serviceAccountToken: TOKEN },
      'mlops.clusters[0].serviceAccountToken is no longer read',
    ],
    [{ name: 'dev', extra: 1 }, 'mlops.clusters[0].extra is not a known key'],
    [
      { name: 'dev', workbenchUrlTemplate: 'https://x/{project}' },
      'mlops.clusters[0].workbenchUrlTemplate has an unknown placeholder {project}; use {namespace} and {name}',
    ],
    [
      { name: 'dev', workbenchUrlTemplate: 'ftp://x/{name}' },
      'mlops.clusters[0].workbenchUrlTemplate must be an http(s) URL',
    ],
    [
      { name: 'dev', scaffolder: {} },
      'mlops.clusters[0].scaffolder needs serviceAccountToken or serviceAccountTokenFile',
    ],
    [
      { name: 'dev', allowedOwners: { 'ml-churn': ['component:default/x'] } },
      'mlops.clusters[0].allowedOwners.ml-churn[0] must be a user or group ref',
    ],
    [{}, "Missing required config value at 'mlops.clusters[0].name'"],
    [
      { name: 'dev', prometheus: {} },
      "Missing required config value at 'mlops.clusters[0].prometheus.url'",
    ],
    [
      { name: 'dev', prometheus: { url: 'thanos-querier:9091' } },
      'mlops.clusters[0].prometheus.url must be an http(s) URL',
    ],
    [
      { name: 'dev', prometheus: { url: `https://q/?token=${TOKEN}` } },
      'mlops.clusters[0].prometheus.url must not carry credentials, a query string or a fragment',
    ],
    [
      {
        name: 'dev',
        prometheus: { url: 'https://q', token: TOKEN, tokenFile: '/t' },
      },
      'mlops.clusters[0].prometheus.tokenFile cannot be combined with token; choose one',
    ],
  ])(
    'rejects the mlops.clusters entry %j naming the key, never echoing a value',
    (entry, message) => {
      const create = () =>
        staticClusterRegistry([dev], { mlops: { clusters: [entry] } });
      expect(create).toThrow(InputError);
      expect(create).toThrow(message);
      expect(create).not.toThrow(TOKEN);
    },
  );

  it("gives the serving metrics' Prometheus of a cluster with its token, and names the key to set for a cluster without one", async () => {
    const registry = staticClusterRegistry([prod, dev], {
      mlops: {
        clusters: [
          {
            name: 'dev',
            prometheus: { url: 'https://q.example.com/', token: TOKEN },
          },
        ],
      },
    });
    expect(registry.clusterSettings('dev').prometheusUrl).toBe(
      'https://q.example.com/',
    );
    const connection = await registry.prometheusConnection('dev');
    expect(connection.url).toBe('https://q.example.com');
    expect(connection.headers).toEqual({ authorization: `Bearer ${TOKEN}` });
    expect(connection.redact(`sent ${TOKEN}`)).not.toContain(TOKEN);
    await expect(registry.prometheusConnection('prod')).rejects.toThrow(
      'no Prometheus is configured for cluster prod: set mlops.clusters[].prometheus.url',
    );
  });

  it('rejects duplicate names in mlops.clusters', () => {
    expect(() =>
      staticClusterRegistry([dev], {
        mlops: { clusters: [{ name: 'a' }, { name: 'a' }] },
      }),
    ).toThrow('mlops.clusters[1].name "a" is used by an earlier entry');
  });

  describe("the Kubernetes plugin's auth providers, through its strategy objects", () => {
    let server: Awaited<ReturnType<typeof startFakeApiServer>>;
    beforeAll(async () => {
      server = await startFakeApiServer((_req, res) =>
        json(res, 200, { metadata: {}, items: [] }),
      );
    });
    afterAll(() => server.close());
    beforeEach(() => {
      server.requests.length = 0;
    });

    const strategies = () =>
      new DispatchStrategy({
        authStrategyMap: {
          aws: new AwsIamStrategy({
            config: new ConfigReader({
              aws: {
                mainAccount: {
                  accessKeyId: 'AKIAEXAMPLEEXAMPLE',
                  secretAccessKey: 'secret-access-key-example',
                },
              },
            }),
          }),
          azure: new AzureIdentityStrategy(capturingLogger(), {
            getToken: async () => ({
              token: 'azure-access-token',
              expiresOnTimestamp: Date.now() + 3600_000,
            }),
          }),
          googleServiceAccount: new GoogleServiceAccountStrategy({
            config: new ConfigReader({
              kubernetes: { googleServiceAccountCredentials: '{not json' },
            }),
          }),
          localKubectlProxy: new AnonymousStrategy(),
          oidc: new OidcStrategy(),
          google: new GoogleStrategy(),
          aks: new AksStrategy(),
        },
      });

    function registryWith(
      authProvider: string,
      extra: Record<string, string> = {},
    ) {
      const details = clusterDetails(authProvider.toLowerCase(), server.url, {
        authProvider,
      });
      Object.assign(details.authMetadata, extra);
      return staticClusterRegistry([details], {
        authStrategy: strategies(),
      });
    }

    async function authorizationSent(authProvider: string) {
      const registry = registryWith(authProvider);
      await DefaultMlopsClusterClients.create({ registry })
        .forCluster(authProvider.toLowerCase())
        .listObjects({ resource: MLOPS_RESOURCE_KINDS.pipelineruns });
      return server.requests[0].headers.authorization;
    }

    it('aws: the presigned STS token of AwsIamStrategy', async () => {
      expect(await authorizationSent('aws')).toMatch(/^Bearer k8s-aws-v1\./);
    });

    it("azure: AzureIdentityStrategy's token for AKS", async () => {
      expect(await authorizationSent('azure')).toBe(
        'Bearer azure-access-token',
      );
    });

    it('localKubectlProxy: no credential, as a kubectl proxy expects', async () => {
      expect(await authorizationSent('localKubectlProxy')).toBeUndefined();
    });

    it('googleServiceAccount: its strategy fails on bad credentials, and the cluster says why', async () => {
      const [cluster] = await registryWith(
        'googleServiceAccount',
      ).listClusters();
      expect(cluster.unusable).toContain(
        'its auth provider "googleServiceAccount" gives the backend no credential: Failed to parse Google Service Account credentials from config',
      );
    });

    it.each(['oidc', 'google', 'aks'])(
      '%s: a per-user provider gives the backend no credential, so the cluster is refused saying why',
      async authProvider => {
        const registry = registryWith(authProvider, {
          'kubernetes.io/oidc-token-provider': 'okta',
        });
        const [cluster] = await registry.listClusters();
        expect(cluster.unusable).toMatch(
          new RegExp(
            `its auth provider "${authProvider}" gives the backend no credential`,
          ),
        );
        const error = await failure(
          DefaultMlopsClusterClients.create({ registry })
            .forCluster(authProvider)
            .listObjects({ resource: MLOPS_RESOURCE_KINDS.pipelineruns }),
        );
        expect(error.name).toBe('ServiceUnavailableError');
        expect(clusterProblemOf(error)).toEqual({
          type: 'unusable-cluster',
          cluster: authProvider,
          reason: cluster.unusable,
        });
        expect(server.requests).toHaveLength(0);
      },
    );
  });
});
