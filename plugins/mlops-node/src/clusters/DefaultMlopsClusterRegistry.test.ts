import { ConfigReader } from '@backstage/config';
import { DefaultMlopsClusterRegistry } from './DefaultMlopsClusterRegistry';

function registry(data: object) {
  return DefaultMlopsClusterRegistry.fromConfig(new ConfigReader(data));
}

const kubernetesClusters = {
  kubernetes: {
    clusterLocatorMethods: [
      { type: 'catalog' },
      {
        type: 'config',
        clusters: [
          {
            name: 'prod',
            url: 'https://prod.example.com:6443',
            authProvider: 'serviceAccount',
          },
          {
            name: 'dev',
            url: 'https://dev.example.com:6443',
            authProvider: 'serviceAccount',
          },
        ],
      },
    ],
  },
};

describe('DefaultMlopsClusterRegistry', () => {
  it('reads the Kubernetes plugin clusters and lets mlops.clusters add or replace', () => {
    const clusters = registry({
      ...kubernetesClusters,
      mlops: {
        clusters: [
          { name: 'dev', url: 'https://127.0.0.1:6443' },
          { name: 'lab', url: 'https://lab.example.com' },
        ],
      },
    }).listClusters();
    expect(clusters).toEqual([
      {
        name: 'prod',
        url: 'https://prod.example.com:6443',
        source: 'kubernetes',
      },
      { name: 'dev', url: 'https://127.0.0.1:6443', source: 'mlops' },
      { name: 'lab', url: 'https://lab.example.com', source: 'mlops' },
    ]);
  });

  it('has no clusters when nothing is configured', () => {
    expect(registry({}).listClusters()).toEqual([]);
  });

  it('resolves a named cluster, and the only cluster when none is named', () => {
    const many = registry(kubernetesClusters);
    expect(many.resolveCluster('dev').url).toBe('https://dev.example.com:6443');
    const one = registry({
      mlops: { clusters: [{ name: 'x', url: 'https://x' }] },
    });
    expect(one.resolveCluster().name).toBe('x');
  });

  it('explains why a cluster cannot be resolved', () => {
    const many = registry(kubernetesClusters);
    expect(() => many.resolveCluster('nope')).toThrow(
      'cluster "nope" is not configured; configured clusters: prod, dev',
    );
    expect(() => many.resolveCluster()).toThrow(
      /several clusters are configured \(prod, dev\); set the mlops.backstage.io\/cluster annotation/,
    );
    // No cluster at all: the portal's config is missing (503), nothing of the entity's.
    expect(() => registry({}).resolveCluster()).toThrow(
      expect.objectContaining({
        name: 'ServiceUnavailableError',
        message:
          'no cluster is configured for backstage-mlops: add one under kubernetes.clusterLocatorMethods (or mlops.clusters) in app-config.yaml',
      }),
    );
  });

  it.each([
    [
      { name: 'a', url: 'not a url' },
      'mlops.clusters[0].url is not a valid URL',
    ],
    [
      { name: 'a', url: 'ftp://host' },
      'mlops.clusters[0].url must be an http(s) URL',
    ],
    [
      { name: 'a', url: 'https://user:secret@host' },
      'must not carry credentials',
    ],
  ])('rejects bad cluster config %j naming the key', (cluster, message) => {
    expect(() => registry({ mlops: { clusters: [cluster] } })).toThrow(message);
  });

  it('never echoes a credential-bearing URL in its error', () => {
    expect(() =>
      registry({
        mlops: { clusters: [{ name: 'a', url: 'https://user:hunter2@host' }] },
      }),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('hunter2'),
      }),
    );
  });

  it('rejects duplicate names in mlops.clusters', () => {
    expect(() =>
      registry({
        mlops: {
          clusters: [
            { name: 'a', url: 'https://a' },
            { name: 'a', url: 'https://b' },
          ],
        },
      }),
    ).toThrow('mlops.clusters[1].name "a" is used by an earlier entry');
  });

  it('names the missing key', () => {
    expect(() => registry({ mlops: { clusters: [{ name: 'a' }] } })).toThrow(
      "Missing required config value at 'mlops.clusters[0].url'",
    );
  });
});
