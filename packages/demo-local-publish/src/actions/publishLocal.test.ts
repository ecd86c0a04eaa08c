import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import yaml from 'yaml';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';

// Publishing into real temporary directories with real git objects (isomorphic-git),
// read back with git.log / git.statusMatrix.

const author = { name: 'Test Author', email: 'author@example.test' };

type Input = {
  repoName: string;
  sourcePath?: string;
  defaultBranch?: string;
  commitMessage?: string;
};

function setup() {
  const root = createMockDirectory();
  root.setContent({
    workspace: {
      'catalog-info.yaml': 'kind: Component\n',
      'README.md': '# churn\n',
      k8s: { base: { 'kustomization.yaml': 'resources: []\n' } },
    },
    published: {},
  });
  const directory = root.resolve('published');
  const action = createPublishLocalAction({
    localPublish: { directory, author },
  });
  const context = (input: Input, isDryRun = false) => {
    const ctx = createMockActionContext<Input>({
      input,
      workspacePath: root.resolve('workspace'),
    });
    return { ...ctx, isDryRun, output: ctx.output as jest.Mock };
  };
  return { root, directory, action, context };
}

const outputs = (output: jest.Mock) => Object.fromEntries(output.mock.calls);

describe('mlops:publish:local', () => {
  it('runs its documented example: one commit on main with every workspace file, by the configured author', async () => {
    const { directory, action, context } = setup();
    const ctx = context(yaml.parse(examples[0].example).steps[0].input);
    await action.handler(ctx);

    const repo = join(directory, 'anomaly-detector');
    const out = outputs(ctx.output);
    expect(out).toEqual({
      repoPath: repo,
      remoteUrl: `file://${repo}`,
      defaultBranch: 'main',
      catalogInfoTarget: join(repo, 'catalog-info.yaml'),
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const log = await git.log({ fs, dir: repo });
    expect(log).toHaveLength(1);
    expect(log[0].oid).toBe(out.commitHash);
    expect(log[0].commit.message).toBe('New ML model anomaly-detector\n');
    expect(log[0].commit.author).toMatchObject(author);
    expect(await git.currentBranch({ fs, dir: repo })).toBe('main');
    const status = await git.statusMatrix({ fs, dir: repo });
    expect(status.map(([file]) => file).sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
      'k8s/base/kustomization.yaml',
    ]);
    // [file, HEAD, workdir, stage] = 1,1,1: committed and unchanged.
    expect(status.every(([, h, w, s]) => h === 1 && w === 1 && s === 1)).toBe(
      true,
    );
    // No staging directory is left next to the repository.
    expect(await readdir(directory)).toEqual(['anomaly-detector']);
  });

  it('publishes a subdirectory of the workspace when sourcePath is given', async () => {
    const { directory, action, context } = setup();
    await action.handler(context({ repoName: 'base-only', sourcePath: 'k8s' }));
    const files = await git.listFiles({
      fs,
      dir: join(directory, 'base-only'),
    });
    expect(files).toEqual(['base/kustomization.yaml']);
  });

  it('never overwrites: an existing non-empty directory fails with a ConflictError and stays as it was', async () => {
    const { root, directory, action, context } = setup();
    root.addContent({ published: { taken: { 'notes.txt': 'mine' } } });
    const run = action.handler(context({ repoName: 'taken' }));
    await expect(run).rejects.toThrow(
      `${join(
        directory,
        'taken',
      )} already exists and is not empty; choose another repository name or remove it (nothing was overwritten)`,
    );
    await expect(run).rejects.toHaveProperty('name', 'ConflictError');
    expect(await readdir(join(directory, 'taken'))).toEqual(['notes.txt']);
    expect(await readFile(join(directory, 'taken/notes.txt'), 'utf8')).toBe(
      'mine',
    );
  });

  it('a retried task whose first attempt published gets the recorded commit, not a conflict', async () => {
    const { directory, action, context } = setup();
    const first = context({ repoName: 'churn' });
    await action.handler(first);
    const recorded = outputs(first.output).commitHash;
    // The task's checkpoint store returns what the first attempt recorded.
    const base = context({ repoName: 'churn' });
    const checkpoint = jest.fn(async () => ({ commit: recorded }));
    const retry = {
      ...base,
      checkpoint: checkpoint as unknown as typeof base.checkpoint,
    };
    await action.handler(retry);
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: `mlops.publish.local.${directory}.churn`,
      }),
    );
    expect(outputs(retry.output).commitHash).toBe(recorded);
    expect(await git.log({ fs, dir: join(directory, 'churn') })).toHaveLength(
      1,
    );
  });

  it.each([
    ['../escape', /repoName "..\/escape" must consist of lower-case letters/],
    ['Bad_Name', /repoName "Bad_Name" must consist of lower-case letters/],
    ['', /repoName "" /],
  ])(
    'refuses repoName %j naming the field, creating nothing',
    async (repoName, message) => {
      const { root, directory, action, context } = setup();
      const run = action.handler(context({ repoName }));
      await expect(run).rejects.toThrow(message);
      await expect(run).rejects.toHaveProperty('name', 'InputError');
      expect(await readdir(directory)).toEqual([]);
      expect(await readdir(root.path)).toEqual(['published', 'workspace']);
    },
  );

  it('refuses a sourcePath outside the workspace', async () => {
    const { action, context } = setup();
    await expect(
      action.handler(context({ repoName: 'ok', sourcePath: '../published' })),
    ).rejects.toThrow(/sourcePath "..\/published" must stay inside/);
  });

  it('says which key to set when local publishing is not configured', async () => {
    const { context } = setup();
    const unconfigured = createPublishLocalAction({ localPublish: undefined });
    const run = unconfigured.handler(context({ repoName: 'churn' }));
    await expect(run).rejects.toThrow(
      'mlops:publish:local: local publishing is not configured; set mlops.scaffolder.localPublish.directory to the directory that should hold the published repositories',
    );
    await expect(run).rejects.toHaveProperty('name', 'InputError');
  });

  it('dry run: checks, outputs where it would publish, writes nothing', async () => {
    const { root, context } = setup();
    const directory = root.resolve('not-yet-created');
    const dryAction = createPublishLocalAction({
      localPublish: { directory, author },
    });
    expect(dryAction.supportsDryRun).toBe(true);
    const ctx = context({ repoName: 'churn' }, true);
    await dryAction.handler(ctx);
    expect(outputs(ctx.output)).toEqual({
      repoPath: join(directory, 'churn'),
      remoteUrl: `file://${join(directory, 'churn')}`,
      defaultBranch: 'main',
      catalogInfoTarget: join(directory, 'churn/catalog-info.yaml'),
    });
    expect(fs.existsSync(directory)).toBe(false);
  });

  it('dry run still fails on a taken name', async () => {
    const { root, action, context } = setup();
    root.addContent({ published: { taken: { 'x.txt': 'x' } } });
    await expect(
      action.handler(context({ repoName: 'taken' }, true)),
    ).rejects.toHaveProperty('name', 'ConflictError');
  });
});
