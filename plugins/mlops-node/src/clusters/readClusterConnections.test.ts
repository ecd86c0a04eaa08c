import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  IN_CLUSTER_TOKEN_FILE,
  readClusterConnections,
} from './readClusterConnections';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PEM_B64 = Buffer.from(PEM).toString('base64');
const KEY_PEM =
  '-----BEGIN EC PRIVATE KEY-----\nsecret-key-material\n-----END EC PRIVATE KEY-----\n';
const KEY_B64 = Buffer.from(KEY_PEM).toString('base64');
const TOKEN = 'sa-token-0123456789abcdef';

function read(data: object) {
  return readClusterConnections(new ConfigReader(data));
}

function mlops(...clusters: object[]) {
  return read({ mlops: { clusters } });
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('readClusterConnections', () => {
  it('reads Kubernetes-plugin clusters with their service account token, CA and TLS flag', () => {
    const [dev, incluster, google] = read({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'dev',
                url: 'https://dev.example.com:6443/',
                authProvider: 'serviceAccount',
                serviceAccountToken: TOKEN,
                caData: PEM_B64,
                skipMetricsLookup: true,
                title: 'Dev',
              },
              {
                name: 'in',
                url: 'https://kubernetes.default.svc',
                authProvider: 'serviceAccount',
                caFile: '/ca.crt',
                skipTLSVerify: 'true',
              },
              { name: 'g', url: 'https://g', authProvider: 'google' },
            ],
          },
        ],
      },
    });
    expect(dev).toEqual({
      descriptor: {
        name: 'dev',
        url: 'https://dev.example.com:6443',
        source: 'kubernetes',
      },
      configKey: 'kubernetes.clusterLocatorMethods[0].clusters[0]',
      tls: { caData: PEM_B64, caFile: undefined, skipTLSVerify: false },
      auth: { type: 'token', token: TOKEN },
    });
    expect(incluster.auth).toEqual({
      type: 'tokenFile',
      path: IN_CLUSTER_TOKEN_FILE,
    });
    expect(incluster.tls).toEqual({
      caData: undefined,
      caFile: '/ca.crt',
      skipTLSVerify: true,
    });
    expect(google.auth).toEqual({
      type: 'unsupported',
      reason: expect.stringContaining(
        'kubernetes.clusterLocatorMethods[0].clusters[2].authProvider "google" is not supported',
      ),
    });
  });

  it('honours skipTLSVerify only when it is explicitly true', () => {
    const [a, b, c] = mlops(
      { name: 'a', url: 'https://a' },
      { name: 'b', url: 'https://b', skipTLSVerify: false },
      { name: 'c', url: 'https://c', skipTLSVerify: true },
    );
    expect([a, b, c].map(x => x.tls.skipTLSVerify)).toEqual([
      false,
      false,
      true,
    ]);
    expect(
      errorOf(() =>
        mlops({ name: 'a', url: 'https://a', skipTLSVerify: 'yes' }),
      ).message,
    ).toContain('mlops.clusters[0].skipTLSVerify must be true or false');
  });

  it('reads every way to authenticate of mlops.clusters', () => {
    const [token, tokenFile, certData, certFiles, anonymous] = mlops(
      { name: 't', url: 'https://t', serviceAccountToken: TOKEN },
      { name: 'tf', url: 'https://tf', serviceAccountTokenFile: '/run/token' },
      {
        name: 'cd',
        url: 'https://cd',
        clientCertData: PEM, // raw PEM is accepted and encoded
        clientKeyData: KEY_B64,
        caData: PEM_B64,
      },
      {
        name: 'cf',
        url: 'https://cf',
        clientCertFile: '/c.crt',
        clientKeyFile: '/c.key',
      },
      { name: 'anon', url: 'http://127.0.0.1:8001' },
    );
    expect(token.auth).toEqual({ type: 'token', token: TOKEN });
    expect(tokenFile.auth).toEqual({ type: 'tokenFile', path: '/run/token' });
    expect(certData.auth).toEqual({
      type: 'clientCertificate',
      certData: Buffer.from(PEM.trim()).toString('base64'),
      keyData: KEY_B64,
      certFile: undefined,
      keyFile: undefined,
    });
    expect(certFiles.auth).toMatchObject({
      type: 'clientCertificate',
      certFile: '/c.crt',
      keyFile: '/c.key',
    });
    expect(anonymous.auth).toEqual({ type: 'anonymous' });
  });

  it('takes the server from a kubeconfig for local development', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-kubeconfig-'));
    const path = join(dir, 'config');
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: c1',
        '  cluster: {server: "https://one:6443"}',
        '- name: c2',
        '  cluster: {server: "https://two:6443"}',
        'users:',
        '- name: u',
        '  user: {token: "kube-token-xyz"}',
        'contexts:',
        '- name: first',
        '  context: {cluster: c1, user: u}',
        '- name: second',
        '  context: {cluster: c2, user: u}',
        'current-context: first',
      ].join('\n'),
    );
    const [current, second] = mlops(
      { name: 'local', kubeconfig: { path } },
      { name: 'other', kubeconfig: { path, context: 'second' } },
    );
    expect(current.descriptor.url).toBe('https://one:6443');
    expect(current.auth).toEqual({
      type: 'kubeconfig',
      path,
      context: undefined,
    });
    expect(second.descriptor.url).toBe('https://two:6443');
    expect(
      errorOf(() => mlops({ name: 'x', kubeconfig: { path, context: 'nope' } }))
        .message,
    ).toBe(
      `mlops.clusters[0].kubeconfig.context "nope" is not in ${JSON.stringify(
        path,
      )}; its contexts: first, second`,
    );
    expect(
      errorOf(() =>
        mlops({ name: 'x', kubeconfig: { path: join(dir, 'missing') } }),
      ).message,
    ).toContain(
      'mlops.clusters[0].kubeconfig.path: cannot read the kubeconfig',
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [
      { name: 'a', url: 'https://a', caData: PEM_B64, caFile: '/ca' },
      'mlops.clusters[0].caFile cannot be combined with caData',
    ],
    [
      { name: 'a', url: 'https://a', clientCertData: PEM_B64 },
      "Missing required config value at 'mlops.clusters[0].clientKeyData' (required with clientCertData)",
    ],
    [
      { name: 'a', url: 'https://a', clientKeyFile: '/k' },
      "Missing required config value at 'mlops.clusters[0].clientCertFile' (required with clientKeyFile)",
    ],
    [
      {
        name: 'a',
        url: 'https://a',
        serviceAccountToken: TOKEN,
        clientCertFile: '/c',
        clientKeyFile: '/k',
      },
      'mlops.clusters[0].serviceAccountToken sets several ways to authenticate (serviceAccountToken, clientCertFile/clientKeyFile); choose one',
    ],
    [
      { name: 'a', kubeconfig: { path: '/k' }, caFile: '/ca' },
      'mlops.clusters[0].caFile cannot be combined with kubeconfig',
    ],
    [
      { name: 'a', url: 'https://a', serviceAcountToken: TOKEN },
      'mlops.clusters[0].serviceAcountToken is not a known key',
    ],
    [
      { name: 'a', url: 'https://a', caData: 'bm90IGEgcGVt' },
      'mlops.clusters[0].caData must be a PEM block or the base64 of one',
    ],
    [{ name: 'a' }, "Missing required config value at 'mlops.clusters[0].url'"],
    [
      { name: 'a', url: 'https://a?token=hunter2-secret' },
      'mlops.clusters[0].url must not have a query string',
    ],
  ])('rejects %j naming the key', (cluster, message) => {
    const error = errorOf(() => mlops(cluster));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(message);
  });

  it('reads the owners each namespace of an mlops cluster allows, normalized', () => {
    const [dev] = mlops({
      name: 'dev',
      url: 'https://dev',
      allowedOwners: {
        'ml-churn': ['retention-team', 'user:default/JDoe'],
      },
    });
    expect(dev.allowedOwners).toEqual(
      new Map([
        ['ml-churn', ['group:default/retention-team', 'user:default/jdoe']],
      ]),
    );
  });

  it.each([
    [
      { Not_A_Namespace: ['team'] },
      'mlops.clusters[0].allowedOwners.Not_A_Namespace is not a namespace name (a DNS-1123 label)',
    ],
    [
      { 'ml-churn': ['team', 'component:default/x'] },
      'mlops.clusters[0].allowedOwners.ml-churn[1] must be a user or group ref, e.g. group:default/my-team',
    ],
    [
      { 'ml-churn': 'team' },
      'mlops.clusters[0].allowedOwners.ml-churn must be a list of user or group refs',
    ],
    [
      { 'ml-churn': [] },
      'mlops.clusters[0].allowedOwners.ml-churn must name at least one owner',
    ],
    [
      ['team'],
      'mlops.clusters[0].allowedOwners must map namespace names to lists of owner refs',
    ],
  ])(
    'names the field of a bad allowedOwners entry (%j)',
    (allowedOwners, message) => {
      const error = errorOf(() =>
        mlops({ name: 'dev', url: 'https://dev', allowedOwners }),
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(message);
    },
  );

  it('never echoes a secret in a configuration error', () => {
    const secrets = [TOKEN, KEY_B64, 'hunter2-secret', 'not-a-pem-secret'];
    const bad = [
      { name: 'a', url: 'https://a?token=hunter2-secret' },
      { name: 'a', url: 'https://a', serviceAccountToken: TOKEN, extra: 1 },
      {
        name: 'a',
        url: 'https://a',
        clientKeyData: 'not-a-pem-secret',
        clientCertData: PEM_B64,
      },
      {
        name: 'a',
        url: 'not a url?token=hunter2-secret',
        serviceAccountToken: TOKEN,
      },
      { name: 'a', url: 'https://a', clientKeyData: KEY_B64 },
    ];
    for (const cluster of bad) {
      const { message } = errorOf(() => mlops(cluster));
      for (const secret of secrets) {
        expect(message).not.toContain(secret);
      }
    }
  });

  it('names the Kubernetes-plugin key of a bad entry', () => {
    expect(
      errorOf(() =>
        read({
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'catalog' },
              { type: 'config', clusters: [{ name: 'x', url: 42 }] },
            ],
          },
        }),
      ).message,
    ).toContain(
      'kubernetes.clusterLocatorMethods[1].clusters[0].url must be a string',
    );
  });
});
