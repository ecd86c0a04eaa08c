import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { DevCluster } from './DevCluster';

/**
 * A running `kubectl proxy`.
 *
 * @public
 */
export interface KubectlProxy {
  url: string;
  stop(): Promise<void>;
}

/** Whether a loopback port is free to listen on. */
function portFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Runs the real `kubectl proxy` (the kubectl built with the dev cluster) in front of
 * the cluster with the credentials of `kubeconfig`, as a developer runs it for the
 * Kubernetes plugin's `localKubectlProxy` locator and auth provider. `port` 0 takes a
 * free port; a fixed port (8001, where that locator looks) is waited for when busy.
 * The proxy adds the kubeconfig's credentials only to requests that carry none, so a
 * client that sends its own bearer token (e.g. the scaffolder's identity) acts as
 * itself.
 *
 * @public
 */
export async function startKubectlProxy(options: {
  kubeconfig: string;
  port: number;
  waitForPortMs?: number;
}): Promise<KubectlProxy> {
  if (options.port !== 0) {
    const deadline = Date.now() + (options.waitForPortMs ?? 120_000);
    while (!(await portFree(options.port))) {
      if (Date.now() > deadline) {
        throw new Error(
          `port ${options.port} stayed in use; the localKubectlProxy locator needs it`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }
  const child = spawn(
    await DevCluster.kubectlPath(),
    [
      'proxy',
      `--port=${options.port}`,
      '--address=127.0.0.1',
      '--kubeconfig',
      options.kubeconfig,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Starting to serve on (127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(`http://${match[1]}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', code =>
      reject(new Error(`kubectl proxy exited (${code}): ${output}`)),
    );
  });
  return {
    url,
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
