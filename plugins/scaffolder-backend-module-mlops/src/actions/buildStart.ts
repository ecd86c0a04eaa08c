import {
  dns1123SubdomainSchema,
  mlopsBuildStartPermission,
} from '@backstage-mlops/plugin-mlops-common';
import {
  MLOPS_RESOURCE_KINDS,
  MlopsClusterWrites,
} from '@backstage-mlops/plugin-mlops-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { portalLink } from '../manifests/portalLink';
import {
  nameField,
  parseActionInput,
  runTargetFields,
  type ScaffolderZod,
} from '../runs/runInput';
import { observeBuild } from '../runs/runObservations';
import {
  clusterServing,
  finishedWhenAsked,
  runLocationOutputs,
  startOnce,
} from '../runs/runSteps';
import { triggeredByOf } from '../runs/triggeredBy';
import { examples } from './buildStart.examples';
import { startAsInitiator } from '../runs/initiatorAccess';
import type { RunActionOptions } from './runActionOptions';

const ACTION = 'mlops:build:start';
const { buildconfigs, builds } = MLOPS_RESOURCE_KINDS;

const input = {
  ...runTargetFields,
  buildConfig: (z: ScaffolderZod) =>
    nameField(z, dns1123SubdomainSchema).describe(
      'The BuildConfig (build.openshift.io/v1) to start a build of, e.g. <model>-notebook, the S2I build of the notebook image.',
    ),
};

/**
 * Creates the `mlops:build:start` action: starts a build of an OpenShift BuildConfig
 * (`instantiate`, what `oc start-build` does) with the scaffolder identity, and
 * optionally waits for the Build's terminal phase (`Complete`, `Failed`, `Error`,
 * `Cancelled`), progress in the task log. The start runs in a `ctx.checkpoint`. A dry
 * run only checks that the BuildConfig exists and is readable: `instantiate` has no
 * server-side dry run.
 *
 * @public
 */
export function createBuildStartAction(options: RunActionOptions) {
  const clusterWrites = MlopsClusterWrites.create({
    clients: options.clients,
  });
  return createTemplateAction({
    id: ACTION,
    description:
      'Starts a build of an OpenShift BuildConfig (e.g. the S2I build of a model’s notebook image) with the scaffolder identity and optionally waits until it completes or fails; a dry run checks the BuildConfig and starts nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input,
      output: {
        ...runLocationOutputs('build'),
        buildName: z =>
          z
            .string()
            .describe(
              'The Build, e.g. <buildConfig>-4; empty on a dry run (instantiate has no dry run, so no name is generated; a BuildConfig that does not exist yet is deferred with a warning, since in a dry run of a template the earlier steps store nothing).',
            ),
        phase: z =>
          z
            .string()
            .optional()
            .describe(
              'With wait: the status.phase the Build ended in: Complete, Failed, Error or Cancelled.',
            ),
        reason: z =>
          z
            .string()
            .optional()
            .describe("With wait: the Build's status reason and message."),
      },
    },
    async handler(ctx) {
      const parsed = parseActionInput(ACTION, input, ctx.input);
      const { namespace, buildConfig, entityRef } = parsed;
      const { cluster, client, created } = await startAsInitiator(
        ctx,
        options,
        {
          action: ACTION,
          permission: mlopsBuildStartPermission,
          entityRef,
          target: { cluster: parsed.cluster, namespace, buildConfig },
        },
        async () => {
          const serving = await clusterServing(
            options,
            ACTION,
            {
              groupVersion: 'build.openshift.io/v1',
              resources: [buildconfigs.plural, builds.plural],
              providedBy: 'OpenShift builds (S2I)',
            },
            parsed.cluster,
          );
          const request = { cluster: serving.cluster, namespace, buildConfig };
          const build = await startOnce(ctx, {
            action: ACTION,
            request,
            notFound: () =>
              `BuildConfig "${buildConfig}" not found in namespace ${namespace} on cluster ${serving.cluster}`,
            start: async dryRun =>
              (
                await clusterWrites.startBuild({
                  ...request,
                  triggeredBy: triggeredByOf(ctx),
                  dryRun,
                })
              ).name,
          });
          return {
            value: { ...serving, created: build },
            object: { kind: 'Build', namespace, name: build ?? '' },
          };
        },
      );
      const buildName = created ?? '';
      if (created !== undefined) {
        ctx.logger.info(
          ctx.isDryRun
            ? `dry run: BuildConfig ${namespace}/${buildConfig} exists on cluster ${cluster}; no build was started`
            : `started Build ${namespace}/${buildName} of BuildConfig ${buildConfig} on cluster ${cluster}`,
        );
      }
      const finished = await finishedWhenAsked(ctx, {
        input: parsed,
        client,
        resource: builds,
        namespace,
        name: buildName,
        what: `Build ${namespace}/${buildName} on cluster ${cluster}`,
        observe: observeBuild,
        pollIntervalMs: options.pollIntervalMs,
      });
      if (finished) {
        ctx.output('phase', finished.status);
        if (finished.detail) ctx.output('reason', finished.detail);
      }
      ctx.output('cluster', cluster);
      ctx.output('namespace', namespace);
      ctx.output('buildName', buildName);
      if (entityRef) {
        ctx.output(
          'url',
          portalLink(options.appBaseUrl, entityRef, 'BuildConfig'),
        );
      }
    },
  });
}
