import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolve } from 'node:path';

/** The config key of the directory local repositories are published under. */
export const LOCAL_PUBLISH_DIRECTORY_KEY =
  'mlops.scaffolder.localPublish.directory';

/**
 * Where and as whom `mlops:publish:local` publishes (`mlops.scaffolder.localPublish`).
 *
 * @public
 */
export interface LocalPublishConfig {
  /** Absolute directory holding one git repository per published project. */
  directory: string;
  /** Author and committer of the initial commit. */
  author: { name: string; email: string };
}

const DEFAULT_AUTHOR = {
  name: 'Backstage Scaffolder',
  email: 'scaffolder@backstage.local',
};

/**
 * Reads `mlops.scaffolder.localPublish`; undefined when no directory is configured.
 *
 * @public
 */
export function readLocalPublishConfig(
  config: Config,
): LocalPublishConfig | undefined {
  const directory = config.getOptionalString(LOCAL_PUBLISH_DIRECTORY_KEY);
  if (!directory) {
    return undefined;
  }
  return {
    directory: resolve(directory),
    author: {
      name:
        config.getOptionalString('mlops.scaffolder.localPublish.author.name') ??
        DEFAULT_AUTHOR.name,
      email:
        config.getOptionalString(
          'mlops.scaffolder.localPublish.author.email',
        ) ?? DEFAULT_AUTHOR.email,
    },
  };
}

/** The configured local publishing, or an InputError saying which key to set. */
export function requireLocalPublishConfig(
  config: LocalPublishConfig | undefined,
  action: string,
): LocalPublishConfig {
  if (!config) {
    throw new InputError(
      `${action}: local publishing is not configured; set ${LOCAL_PUBLISH_DIRECTORY_KEY} to the directory that should hold the published repositories`,
    );
  }
  return config;
}
