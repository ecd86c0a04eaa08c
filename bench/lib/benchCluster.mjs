// What the benchmarks share about their dev cluster: its command line bound to a state
// directory, its kubectl, and the backend config that points the portal at it.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'packages/dev-cluster/bin/dev-cluster');

/**
 * The dev cluster's command line for one state directory: `cluster('up', ...)` returns
 * what it printed (errors go to the terminal); `cluster.isUp()` asks `status`.
 */
export function devClusterCli(stateDir) {
  const cluster = (...args) =>
    execFileSync('bash', [cli, ...args, '--state-dir', stateDir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  cluster.isUp = () =>
    spawnSync('bash', [cli, 'status', '--state-dir', stateDir], {
      stdio: 'ignore',
    }).status === 0;
  return cluster;
}

let kubectlFile;

/** The kubectl built with the dev cluster (built on first use, then cached). */
export function kubectlPath() {
  kubectlFile ??= join(
    execFileSync('bash', [join(root, 'packages/dev-cluster/go/build.sh')], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop(),
    'kubectl',
  );
  return kubectlFile;
}

/** kubectl as the dev cluster's admin (`state` is the cluster's state.json); returns stdout. */
export function kubectl(state, args, input) {
  return execFileSync(
    kubectlPath(),
    ['--kubeconfig', state.adminKubeconfig, ...args],
    { encoding: 'utf8', input, maxBuffer: 512 * 1024 * 1024 },
  );
}

/**
 * Backend config (YAML lines) with the dev cluster as the portal's one cluster,
 * `bench`, reached at `url` (default: the API server itself).
 */
export function benchClusterConfig(state, url = state.server) {
  return benchClustersConfig(state, [{ name: 'bench', url }]);
}

/**
 * Backend config (YAML lines) with the dev cluster as several clusters of the
 * Kubernetes plugin's config locator, each `{ name, url }`.
 */
export function benchClustersConfig(state, clusters) {
  return [
    'kubernetes:',
    '  clusterLocatorMethods:',
    '    - type: config',
    '      clusters:',
    ...clusters.flatMap(({ name, url }) => [
      `        - name: ${name}`,
      `          url: ${url}`,
      '          authProvider: serviceAccount',
      `          serviceAccountToken: ${state.backendToken}`,
      `          caData: ${state.caData}`,
      '          skipMetricsLookup: true',
    ]),
  ];
}
