import { ConflictError, InputError } from '@backstage/errors';
import fs from 'node:fs';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  rename,
  rm,
  stat,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import git from 'isomorphic-git';

/** What {@link publishLocalRepository} publishes, where, and as whom. */
export interface PublishLocalRepositoryOptions {
  /** The directory whose contents become the repository (the task workspace). */
  sourceDir: string;
  /** The repository to create; must not exist, or be an empty directory. */
  repoDir: string;
  /** The branch of the initial commit. */
  branch: string;
  /** Author and committer of the initial commit. */
  author: { name: string; email: string };
  /** The commit message. */
  message: string;
}

/**
 * Fails with a ConflictError when `repoDir` exists and is not an empty directory:
 * publishing never overwrites anything.
 */
export async function assertRepoDirFree(repoDir: string): Promise<void> {
  const existing = await stat(repoDir).catch(() => undefined);
  if (!existing) {
    return;
  }
  if (!existing.isDirectory() || (await readdir(repoDir)).length > 0) {
    throw new ConflictError(
      `${repoDir} already exists and is not empty; choose another repository name or remove it (nothing was overwritten)`,
    );
  }
}

/**
 * Creates a git repository at `repoDir` holding the files of `sourceDir` in one
 * commit on `branch`, and returns that commit. The repository is built in a hidden
 * staging directory next to `repoDir` and renamed into place only when complete, so
 * a failure leaves no half-written repository behind.
 */
export async function publishLocalRepository(
  options: PublishLocalRepositoryOptions,
): Promise<{ commit: string }> {
  const { sourceDir, repoDir, branch, author, message } = options;
  const sourceEntries = await readdir(sourceDir).catch(() => []);
  if (sourceEntries.length === 0) {
    throw new InputError(`nothing to publish: ${sourceDir} is empty`);
  }
  await assertRepoDirFree(repoDir);
  await mkdir(dirname(repoDir), { recursive: true });
  const staging = await mkdtemp(
    join(dirname(repoDir), `.${basename(repoDir)}.publishing-`),
  );
  try {
    await cp(sourceDir, staging, {
      recursive: true,
      filter: source => basename(source) !== '.git',
    });
    await git.init({ fs, dir: staging, defaultBranch: branch });
    await git.add({ fs, dir: staging, filepath: '.' });
    const commit = await git.commit({
      fs,
      dir: staging,
      message,
      author,
      committer: author,
    });
    // Another task may have taken the name meanwhile: renaming onto a non-empty
    // directory fails, and nothing of theirs is touched.
    await assertRepoDirFree(repoDir);
    await rename(staging, repoDir).catch(error => {
      if (error?.code === 'ENOTEMPTY' || error?.code === 'EEXIST') {
        throw new ConflictError(
          `${repoDir} was created by someone else while publishing; nothing was overwritten`,
        );
      }
      throw error;
    });
    return { commit };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
