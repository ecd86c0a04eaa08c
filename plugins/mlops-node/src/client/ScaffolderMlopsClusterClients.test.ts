import { ConfigReader } from '@backstage/config';
import { capturingLogger } from '../testUtils/capturingLogger';
import { ScaffolderMlopsClusterClients } from './ScaffolderMlopsClusterClients';

function clients(clusters: object[], kubernetes: object = {}) {
  return ScaffolderMlopsClusterClients.fromConfig(
    new ConfigReader({ mlops: { clusters }, ...kubernetes }),
    { logger: capturingLogger() },
  );
}

describe('ScaffolderMlopsClusterClients', () => {
  it('gives a client for a cluster with a scaffolder identity', () => {
    const client = clients([
      {
        name: 'dev',
        url: 'https://127.0.0.1:6443',
        serviceAccountToken: 'backend-token',
        scaffolder: { serviceAccountToken: 'scaffolder-token' },
      },
    ]).forCluster('dev');
    expect(client.cluster).toBe('dev');
  });

  it('refuses a cluster without one, naming the key to set', () => {
    const all = clients([
      { name: 'dev', url: 'https://127.0.0.1:6443', serviceAccountToken: 't' },
    ]);
    expect(() => all.forCluster('dev')).toThrow(
      'cluster dev has no scaffolder identity; set mlops.clusters[].scaffolder.serviceAccountToken (or serviceAccountTokenFile) for it',
    );
    expect(() => all.forCluster('prod')).toThrow(
      'cluster "prod" is not configured; configured clusters: dev',
    );
  });

  it('refuses Kubernetes-plugin clusters, which have no scaffolder block', () => {
    const all = clients([], {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'k', url: 'https://k', serviceAccountToken: 't' },
            ],
          },
        ],
      },
    });
    expect(() => all.forCluster('k')).toThrow(/no scaffolder identity/);
  });

  it.each([
    [
      {},
      'mlops.clusters[0].scaffolder needs serviceAccountToken or serviceAccountTokenFile',
    ],
    [
      { serviceAccountToken: 'a', serviceAccountTokenFile: '/t' },
      'mlops.clusters[0].scaffolder.serviceAccountTokenFile cannot be combined with serviceAccountToken',
    ],
    [{ token: 'secret-value' }, 'mlops.clusters[0].scaffolder'],
  ])(
    'rejects a bad scaffolder block %j naming the key',
    (scaffolder, message) => {
      const build = () =>
        clients([{ name: 'dev', url: 'https://127.0.0.1:6443', scaffolder }]);
      expect(build).toThrow(message);
      expect(build).toThrow(
        expect.objectContaining({
          message: expect.not.stringContaining('secret-value'),
        }),
      );
    },
  );
});
