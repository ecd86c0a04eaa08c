import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import {
  type LocalPublishConfig,
  requireLocalPublishConfig,
} from '../publish/readLocalPublishConfig';
import { examples } from './catalogRegister.examples';

/**
 * What {@link createCatalogRegisterAction} needs.
 *
 * @public
 */
export interface CatalogRegisterActionOptions {
  /** `mlops.scaffolder.localPublish`; only files under its directory are registered. */
  localPublish: LocalPublishConfig | undefined;
  /** The catalog (`catalogServiceRef`), called on behalf of the task's initiator. */
  catalog: CatalogService;
}

const ID = 'mlops:catalog:register';

function isInside(directory: string, path: string): boolean {
  const inside = relative(directory, path);
  return Boolean(inside) && !inside.startsWith('..') && !isAbsolute(inside);
}

/**
 * The entity a template links to: a Component that is no other's subcomponent (the
 * project itself, not its notebook), else any Component, else the first entity that
 * is not the generated Location.
 */
function mainEntityRef(entities: Entity[]): string | undefined {
  const named = entities.filter(e => e.kind !== 'Location');
  const components = named.filter(e => e.kind === 'Component');
  const main =
    components.find(e => !e.spec?.subcomponentOf) ??
    components[0] ??
    named[0] ??
    entities[0];
  return main ? stringifyEntityRef(main) : undefined;
}

/**
 * Creates the `mlops:catalog:register` action: registers the catalog-info file of a
 * repository published by `mlops:publish:local` as a `file` location in the catalog
 * (the standard `catalog:register` only registers `url` locations). Only files under
 * `mlops.scaffolder.localPublish.directory` are accepted, and the catalog must allow
 * `file` locations (the catalog module `catalogModuleLocalPublish` does when
 * local publishing is configured). The registration runs in a `ctx.checkpoint`. A
 * dry run registers nothing: the catalog validates the workspace's copy of the file
 * (a dry-run location) and the entity it would create is output.
 *
 * @public
 */
export function createCatalogRegisterAction(
  options: CatalogRegisterActionOptions,
) {
  const { catalog } = options;
  return createTemplateAction({
    id: ID,
    description:
      'Registers the catalog-info file of a repository published by mlops:publish:local as a file location in the catalog.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoTarget: z =>
          z
            .string()
            .describe(
              'Absolute path of the catalog-info file (the catalogInfoTarget output of mlops:publish:local); must be under mlops.scaffolder.localPublish.directory.',
            ),
        workspaceCatalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Dry run only: the workspace-relative copy of that file the catalog validates instead, as the repository is not written in a dry run (default catalog-info.yaml).',
            ),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'The main entity of the file: its Component that is no subcomponent, else its first Component, else its first entity.',
            ),
        catalogInfoLocation: z =>
          z.string().describe('The registered location, file:<absolute path>.'),
      },
    },
    async handler(ctx) {
      const config = requireLocalPublishConfig(options.localPublish, ID);
      const { catalogInfoTarget } = ctx.input;
      const outside = new InputError(
        `${ID}: catalogInfoTarget ${JSON.stringify(
          catalogInfoTarget,
        )} must be an absolute path under ${
          config.directory
        } (mlops.scaffolder.localPublish.directory)`,
      );
      if (
        !isAbsolute(catalogInfoTarget) ||
        !isInside(config.directory, catalogInfoTarget)
      ) {
        throw outside;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const location = `file:${catalogInfoTarget}`;
      ctx.output('catalogInfoLocation', location);

      if (ctx.isDryRun) {
        let workspaceFile: string;
        try {
          workspaceFile = resolveSafeChildPath(
            ctx.workspacePath,
            ctx.input.workspaceCatalogInfoPath || 'catalog-info.yaml',
          );
        } catch {
          throw new InputError(
            `${ID}: workspaceCatalogInfoPath must stay inside the workspace`,
          );
        }
        const { entities } = await catalog.addLocation(
          { type: 'file', target: workspaceFile, dryRun: true },
          { credentials },
        );
        const entityRef = mainEntityRef(entities);
        ctx.logger.info(
          `dry run: the catalog accepts ${
            entities.length
          } entit(y/ies) of ${workspaceFile} (${entities
            .map(e => stringifyEntityRef(e))
            .sort()
            .join(', ')}); ${location} would be registered, nothing was`,
        );
        if (entityRef) ctx.output('entityRef', entityRef);
        return;
      }

      // A symbolic link in the repository must not lead the catalog elsewhere.
      const [realDirectory, realTarget] = await Promise.all([
        realpath(config.directory),
        realpath(catalogInfoTarget),
      ]).catch(() => {
        throw new InputError(
          `${ID}: catalogInfoTarget ${JSON.stringify(
            catalogInfoTarget,
          )} does not exist (was the repository published?)`,
        );
      });
      if (!isInside(realDirectory, realTarget)) {
        throw outside;
      }
      await ctx.checkpoint({
        key: `mlops.catalog.register.${location}`,
        fn: async () => {
          await catalog.addLocation(
            { type: 'file', target: catalogInfoTarget },
            { credentials },
          );
        },
      });
      const { entities } = await catalog.addLocation(
        { type: 'file', target: catalogInfoTarget, dryRun: true },
        { credentials },
      );
      const entityRef = mainEntityRef(entities);
      ctx.logger.info(
        `registered ${location}: ${entities
          .map(e => stringifyEntityRef(e))
          .sort()
          .join(', ')}`,
      );
      if (entityRef) ctx.output('entityRef', entityRef);
    },
  });
}
