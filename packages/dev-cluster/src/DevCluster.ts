import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import type { DevClusterState } from './DevClusterState';

const execFileAsync = promisify(execFile);
// The package's own directory, found through module resolution (works from source and
// from an installed copy alike).
const PACKAGE_DIR = dirname(
  require.resolve('@backstage-mlops/dev-cluster/package.json'),
);
const CLI = join(PACKAGE_DIR, 'bin', 'dev-cluster');
const BUILD = join(PACKAGE_DIR, 'go', 'build.sh');

/**
 * Options of {@link DevCluster.start}.
 *
 * @public
 */
export interface DevClusterStartOptions {
  /** Where the cluster keeps its state; deleted by {@link DevCluster.stop}. */
  stateDir: string;
  /** Create the demo namespaces (`mlops-demo`, `mlops-demo-team-b`). */
  demoNamespaces?: boolean;
  /** Run the simulated platform controllers (default true). */
  controllers?: boolean;
  /** How often the simulated controllers advance an object, e.g. `200ms`. */
  simStep?: string;
}

/**
 * A running local cluster (see packages/dev-cluster), for tests and benchmarks.
 *
 * @public
 */
export class DevCluster {
  /** Starts a new cluster and waits until it is ready. */
  static async start(options: DevClusterStartOptions): Promise<DevCluster> {
    const args = ['up', '--quiet', '--state-dir', options.stateDir];
    if (options.demoNamespaces) args.push('--demo-namespaces');
    if (options.controllers === false) args.push('--no-controllers');
    if (options.simStep) args.push('--sim-step', options.simStep);
    await runCli(args);
    return DevCluster.fromStateDir(options.stateDir);
  }

  /** Attaches to a cluster that is already running. */
  static async fromStateDir(stateDir: string): Promise<DevCluster> {
    const state = JSON.parse(
      await readFile(join(stateDir, 'state.json'), 'utf8'),
    ) as DevClusterState;
    return new DevCluster(state);
  }

  /**
   * Attaches to the cluster of the jest integration run (started once by
   * `jest/globalSetup.js`).
   */
  static async fromJestEnvironment(): Promise<DevCluster> {
    const stateDir = process.env.MLOPS_DEV_CLUSTER_STATE_DIR;
    if (!stateDir) {
      throw new Error(
        'MLOPS_DEV_CLUSTER_STATE_DIR is not set: run integration tests with `./dev test integration`',
      );
    }
    return DevCluster.fromStateDir(stateDir);
  }

  private constructor(readonly state: DevClusterState) {}

  /** A client configuration for the admin or the least-privilege backend identity. */
  kubeConfig(identity: 'admin' | 'backend'): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromFile(
      identity === 'admin'
        ? this.state.adminKubeconfig
        : this.state.backendKubeconfig,
    );
    return kc;
  }

  /** Seeds the demo data set (idempotent). */
  async seed(): Promise<void> {
    await runCli(['seed', '--state-dir', this.state.stateDir]);
  }

  /** Creates the benchmark data set; extra flags as `devcluster scale` takes them. */
  async scale(flags: string[] = []): Promise<void> {
    await runCli(['scale', '--state-dir', this.state.stateDir, ...flags]);
  }

  /** Runs the kubectl built with the cluster (same version), as the admin. */
  async kubectl(args: string[]): Promise<string> {
    const bin = (await execFileAsync('bash', [BUILD])).stdout
      .trim()
      .split('\n')
      .pop()!;
    const { stdout } = await execFileAsync(
      join(bin, 'kubectl'),
      ['--kubeconfig', this.state.adminKubeconfig, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  }

  /** Stops every process of the cluster and deletes its state directory. */
  async stop(): Promise<void> {
    await runCli(['down', '--state-dir', this.state.stateDir]);
  }
}

async function runCli(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('bash', [CLI, ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}
