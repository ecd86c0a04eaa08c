import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { dns1123LabelSchema } from '@backstage-mlops/plugin-mlops-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  assertRepoDirFree,
  publishLocalRepository,
} from '../publish/publishLocalRepository';
import {
  type LocalPublishConfig,
  requireLocalPublishConfig,
} from '../publish/readLocalPublishConfig';
import { examples } from './publishLocal.examples';

/**
 * What {@link createPublishLocalAction} needs.
 *
 * @public
 */
export interface PublishLocalActionOptions {
  /** `mlops.scaffolder.localPublish`; undefined when not configured (the action then fails naming the key). */
  localPublish: LocalPublishConfig | undefined;
}

const ID = 'mlops:publish:local';
// A git branch name without the characters and sequences git refuses.
const BRANCH =
  /^(?!.*\.\.)(?!.*\/\/)(?!\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9._/-]+$/;

function invalid(field: string, value: string, why: string): InputError {
  return new InputError(`${ID}: ${field} ${JSON.stringify(value)} ${why}`);
}

/**
 * Creates the `mlops:publish:local` action: publishes the workspace (or a directory
 * of it) as a new git repository `<mlops.scaffolder.localPublish.directory>/<repoName>`
 * with one commit on `defaultBranch` — for a portal without an SCM host (the local
 * demo). It never overwrites: an existing non-empty directory of that name fails the
 * step with a ConflictError. The repository is written in one `ctx.checkpoint`, so a
 * retried task does not publish twice. A dry run checks the configuration, the name
 * and that the directory is free, and writes nothing. Outputs the repository's path,
 * a `file://` clone URL and the path of its catalog-info file (the `file` location
 * `mlops:catalog:register` registers).
 *
 * @public
 */
export function createPublishLocalAction(options: PublishLocalActionOptions) {
  return createTemplateAction({
    id: ID,
    description:
      'Publishes the workspace as a new local git repository under mlops.scaffolder.localPublish.directory (one commit, never overwriting); for portals without an SCM host.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Name of the repository directory: a DNS-1123 label (lower-case letters, digits, "-"), usually the model name.',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace-relative directory to publish (default: the whole workspace).',
            ),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe('Branch of the initial commit (default main).'),
        commitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'Message of the initial commit (default "Initial commit").',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Repository-relative path of the catalog-info file, for the catalogInfoTarget output (default catalog-info.yaml).',
            ),
      },
      output: {
        repoPath: z =>
          z.string().describe('Absolute path of the new repository.'),
        remoteUrl: z =>
          z
            .string()
            .describe(
              'file:// URL of the repository (git clone works with it).',
            ),
        defaultBranch: z =>
          z.string().describe('The branch holding the initial commit.'),
        commitHash: z =>
          z
            .string()
            .optional()
            .describe('The initial commit (absent in a dry run).'),
        catalogInfoTarget: z =>
          z
            .string()
            .describe(
              'Absolute path of the catalog-info file in the repository: the target of the file location mlops:catalog:register registers.',
            ),
      },
    },
    async handler(ctx) {
      const config = requireLocalPublishConfig(options.localPublish, ID);
      const { repoName } = ctx.input;
      const branch = ctx.input.defaultBranch || 'main';
      const catalogInfoPath = ctx.input.catalogInfoPath || 'catalog-info.yaml';
      const name = dns1123LabelSchema.safeParse(repoName);
      if (!name.success) {
        throw invalid(
          'repoName',
          repoName,
          name.error.issues.map(i => i.message).join('; '),
        );
      }
      if (!BRANCH.test(branch)) {
        throw invalid('defaultBranch', branch, 'is not a valid branch name');
      }
      // A DNS-1123 label cannot leave the directory; checked again on the path itself.
      const repoDir = safeChild(config.directory, repoName, 'repoName');
      const catalogInfoTarget = safeChild(
        repoDir,
        catalogInfoPath,
        'catalogInfoPath',
      );
      const sourceDir = safeChild(
        ctx.workspacePath,
        ctx.input.sourcePath || '.',
        'sourcePath',
      );
      const files = (
        await readdir(sourceDir, {
          recursive: true,
          withFileTypes: true,
        }).catch(() => [])
      ).filter(entry => entry.isFile());
      if (files.length === 0) {
        throw invalid(
          'sourcePath',
          ctx.input.sourcePath || '.',
          'is empty or missing in the workspace: nothing to publish',
        );
      }
      const outputLocation = () => {
        ctx.output('repoPath', repoDir);
        ctx.output('remoteUrl', pathToFileURL(repoDir).href);
        ctx.output('defaultBranch', branch);
        ctx.output('catalogInfoTarget', catalogInfoTarget);
      };
      if (ctx.isDryRun) {
        await assertRepoDirFree(repoDir);
        outputLocation();
        ctx.logger.info(
          `dry run: would publish ${files.length} file(s) as git repository ${repoDir} (branch ${branch}); nothing written`,
        );
        return;
      }
      // The directory is checked inside the checkpoint: a retried task whose first
      // attempt published gets the recorded commit, not a conflict with itself.
      const { commit } = await ctx.checkpoint({
        key: `mlops.publish.local.${config.directory}.${repoName}`,
        fn: () =>
          publishLocalRepository({
            sourceDir,
            repoDir,
            branch,
            author: config.author,
            message: ctx.input.commitMessage || 'Initial commit',
          }),
      });
      ctx.logger.info(
        `published ${files.length} file(s) as git repository ${repoDir}: commit ${commit} on ${branch} by ${config.author.name} <${config.author.email}>`,
      );
      outputLocation();
      ctx.output('commitHash', commit);
    },
  });
}

function safeChild(base: string, path: string, field: string): string {
  try {
    const child = resolveSafeChildPath(base, path);
    if (relative(base, child) === '' && path !== '.') {
      throw new Error('the directory itself');
    }
    return child;
  } catch {
    throw invalid(field, path, `must stay inside ${join(base)}`);
  }
}
