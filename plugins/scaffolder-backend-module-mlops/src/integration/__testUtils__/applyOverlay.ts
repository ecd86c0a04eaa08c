// Applies an overlay of a rendered New ML model project with the package's own
// mlops:manifests:apply action (the scaffolder identity, as the template's apply step
// does), and publishes a rendered project to the dev cluster's git server.
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createManifestsApplyAction } from '../../actions/manifestsApply';
import { actionDeps, DevCluster } from './devClusterActions';

const execFileAsync = promisify(execFile);

/** One applied object, as the action reports it. */
export interface AppliedObject {
  kind: string;
  name: string;
  result: string;
  url: string;
}

/** Applies `k8s/overlays/<overlay>` of a rendered project; returns what it applied. */
export async function applyOverlay(options: {
  cluster: DevCluster;
  workspacePath: string;
  overlay: 'development' | 'production';
  namespace: string;
  name: string;
  isDryRun: boolean;
}): Promise<AppliedObject[]> {
  const { clusters, clients } = actionDeps(options.cluster);
  const base = createMockActionContext({
    input: {
      namespace: options.namespace,
      path: `k8s/overlays/${options.overlay}`,
      entityRef: `component:default/${options.name}`,
    },
    workspacePath: options.workspacePath,
  });
  const ctx = {
    ...base,
    isDryRun: options.isDryRun,
    output: base.output as jest.Mock,
  };
  await createManifestsApplyAction({
    clusters,
    clients,
    appBaseUrl: 'http://localhost:3000',
    kubectlPath: await DevCluster.kubectlPath(),
  }).handler(ctx);
  return ctx.output.mock.calls.find(([k]) => k === 'objects')![1];
}

/**
 * Commits a rendered project as repository `<gitRoot>/<name>` (branch main), which the
 * cluster's git server serves at `<gitServer>/<name>`; returns that URL.
 */
export async function publishToGitServer(
  cluster: DevCluster,
  workspacePath: string,
  name: string,
): Promise<string> {
  const { gitRoot, gitServer } = cluster.state;
  if (!gitRoot || !gitServer)
    throw new Error('the dev cluster has no git server');
  const repo = join(gitRoot, name);
  await cp(workspacePath, repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileAsync('git', ['-C', repo, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Integration Test',
        GIT_AUTHOR_EMAIL: 'it@example.test',
        GIT_COMMITTER_NAME: 'Integration Test',
        GIT_COMMITTER_EMAIL: 'it@example.test',
      },
    });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', `${name} (rendered by the test)`);
  return `${gitServer}/${name}`;
}
