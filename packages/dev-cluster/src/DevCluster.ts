import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
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
const PYTHON_INSTALL = join(PACKAGE_DIR, 'python', 'install.sh');

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
  /**
   * API groups whose CRDs are not installed (exact match), e.g.
   * `['tekton.dev', 'triggers.tekton.dev']` for a cluster without Tekton.
   */
  skipCrds?: string[];
  /**
   * Execute steps, notebooks, builds and model servers (default true); false
   * simulates everything, as before the execution platform.
   */
  execute?: boolean;
  /** The directory the cluster's git server serves (default: `<stateDir>/git`). */
  gitRoot?: string;
}

/**
 * An answer of {@link DevCluster.serviceRequest}.
 *
 * @public
 */
export interface DevClusterServiceResponse {
  status: number;
  body: string;
}

/**
 * A part of a running cluster that a test can take down and bring back:
 * `apiserver` (etcd keeps the data; the shim answers 502 meanwhile, and the restarted
 * API server's watch cache starts afresh) or `shim` (the address every client uses;
 * connections are refused meanwhile).
 *
 * @public
 */
export type DevClusterComponent = 'apiserver' | 'shim';

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
    if (options.skipCrds?.length)
      args.push('--skip-crds', options.skipCrds.join(','));
    if (options.execute === false) args.push('--no-execute');
    if (options.gitRoot) args.push('--git-root', options.gitRoot);
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

  /**
   * A client configuration for the admin or the least-privilege backend identity
   * (both through the shim), or `admin-direct`: the admin straight to the API server,
   * which keeps working while the shim is stopped.
   */
  kubeConfig(identity: 'admin' | 'backend' | 'admin-direct'): KubeConfig {
    const kc = new KubeConfig();
    const files = {
      admin: this.state.adminKubeconfig,
      backend: this.state.backendKubeconfig,
      'admin-direct': this.state.directKubeconfig,
    };
    kc.loadFromFile(files[identity]);
    return kc;
  }

  /**
   * Stops the API server or the shim (a real outage for the clients); etcd and every
   * other process keep running. See {@link DevClusterComponent}.
   */
  async stopComponent(component: DevClusterComponent): Promise<void> {
    await runCli([
      'stop-component',
      '--state-dir',
      this.state.stateDir,
      component,
    ]);
  }

  /** Starts a stopped component again on the same port and waits until it serves. */
  async startComponent(component: DevClusterComponent): Promise<void> {
    await runCli([
      'start-component',
      '--state-dir',
      this.state.stateDir,
      component,
    ]);
  }

  /**
   * Freezes (SIGSTOP) or thaws (SIGCONT) a component: connections stay open but
   * nothing is answered, as with a hung network. Always thaw before stopping the cluster.
   */
  async freezeComponent(
    component: DevClusterComponent,
    frozen: boolean,
  ): Promise<void> {
    const { pids } = JSON.parse(
      await readFile(join(this.state.stateDir, 'state.json'), 'utf8'),
    ) as DevClusterState;
    const pid = component === 'apiserver' ? pids.apiserver : pids.shim;
    process.kill(pid, frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  /**
   * Compacts etcd at its current revision and returns it: a watch or list continuation
   * from an older resourceVersion that reaches etcd is refused with 410 Gone. (The API
   * server's watch cache may still serve recent history; restart the API server too to
   * expire every older resourceVersion.)
   */
  async compact(): Promise<number> {
    const out = await runCli(['compact', '--state-dir', this.state.stateDir]);
    return Number(out.trim());
  }

  /** Seeds the demo data set (idempotent). */
  async seed(): Promise<void> {
    await runCli(['seed', '--state-dir', this.state.stateDir]);
  }

  /** Creates the benchmark data set; extra flags as `devcluster scale` takes them. */
  async scale(flags: string[] = []): Promise<void> {
    await runCli(['scale', '--state-dir', this.state.stateDir, ...flags]);
  }

  /** The kubectl built with the cluster (same version); builds it on first use. */
  static async kubectlPath(): Promise<string> {
    const bin = (await execFileAsync('bash', [BUILD])).stdout
      .trim()
      .split('\n')
      .pop()!;
    return join(bin, 'kubectl');
  }

  /** Runs the kubectl built with the cluster (same version), as the admin. */
  async kubectl(args: string[]): Promise<string> {
    const { stdout } = await execFileAsync(
      await DevCluster.kubectlPath(),
      ['--kubeconfig', this.state.adminKubeconfig, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  }

  /**
   * Sends an HTTP request to a cluster-internal URL (e.g.
   * `http://<isvc>-predictor.<ns>.svc.cluster.local/v2/models/<name>/infer`) through
   * the cluster's service network, as a pod would.
   */
  async serviceRequest(
    url: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<DevClusterServiceResponse> {
    const proxy = this.state.serviceProxy;
    if (!proxy) {
      throw new Error(
        'this dev cluster executes nothing: it has no service network',
      );
    }
    const proxyUrl = new URL(proxy);
    const body =
      init.body === undefined ? undefined : JSON.stringify(init.body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: proxyUrl.hostname,
          port: proxyUrl.port,
          method: init.method ?? (body ? 'POST' : 'GET'),
          path: url,
          headers: {
            Host: new URL(url).host,
            ...(body
              ? {
                  'Content-Type': 'application/json',
                  'Content-Length': Buffer.byteLength(body),
                }
              : {}),
          },
          timeout: 30_000,
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
      req.end(body);
    });
  }

  /**
   * Whether this machine can run the cluster's Python workloads (notebooks, Python
   * steps, model servers): python3 3.9-3.12 with venv. Suites that execute them skip
   * without it.
   */
  /**
   * The model servers' Python environment (installed from PyPI on first need, then
   * cached): its directory, whose `bin/python` has MLServer and scikit-learn.
   */
  static async servingPythonDir(): Promise<string> {
    const { stdout } = await execFileAsync('bash', [PYTHON_INSTALL, 'serving']);
    return stdout.trim().split('\n').pop()!;
  }

  static async pythonAvailable(): Promise<boolean> {
    return execFileAsync('bash', [PYTHON_INSTALL, 'check']).then(
      () => true,
      () => false,
    );
  }

  /** Whether python3 has torch (a PyTorch project builds only then). */
  static async torchAvailable(): Promise<boolean> {
    return execFileAsync(process.env.MLOPS_PYTHON ?? 'python3', [
      '-c',
      'import torch',
    ]).then(
      () => true,
      () => false,
    );
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
