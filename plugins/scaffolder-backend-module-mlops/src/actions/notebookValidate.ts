import { InputError, isError } from '@backstage/errors';
import {
  dns1123SubdomainSchema,
  labelValueSchema,
  mlopsNotebookValidatePermission,
} from '@backstage-mlops/plugin-mlops-common';
import {
  MLOPS_RESOURCE_KINDS,
  MlopsClusterWrites,
} from '@backstage-mlops/plugin-mlops-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { portalLink } from '../manifests/portalLink';
import {
  jsonObjectField,
  nameField,
  parseActionInput,
  runTargetFields,
  type ScaffolderZod,
} from '../runs/runInput';
import { observeValidationJob } from '../runs/runObservations';
import {
  clusterServing,
  finishedWhenAsked,
  runLocationOutputs,
  startOnce,
} from '../runs/runSteps';
import { triggeredByOf } from '../runs/triggeredBy';
import { examples } from './notebookValidate.examples';
import { startAsInitiator } from '../runs/initiatorAccess';
import type { RunActionOptions } from './runActionOptions';

const ACTION = 'mlops:notebook:validate';
const { notebookvalidationjobs } = MLOPS_RESOURCE_KINDS;

const input = {
  ...runTargetFields,
  modelName: (z: ScaffolderZod) =>
    nameField(z, labelValueSchema).describe(
      "The model's name: the model-name label of its NotebookValidationJobs.",
    ),
  copyFrom: (z: ScaffolderZod) =>
    nameField(z, dns1123SubdomainSchema)
      .optional()
      .describe(
        "The NotebookValidationJob whose spec to validate again (it must carry the model's label); default the model's newest one.",
      ),
  initialSpec: (z: ScaffolderZod) =>
    jsonObjectField(z)
      .optional()
      .describe(
        'A NotebookValidationJob spec (mlops.mlops.dev/v1alpha1) to use when the model has no job to copy yet, e.g. the one the ml-model template renders.',
      ),
  gitRef: (z: ScaffolderZod) =>
    z
      .string()
      .min(1)
      .optional()
      .describe(
        'Validate the notebook at this git branch, tag or commit instead of the copied spec.notebook.git.ref.',
      ),
};

/**
 * Creates the `mlops:notebook:validate` action: creates a new
 * `mlops.mlops.dev/v1alpha1` NotebookValidationJob for a model (a copy of the spec of
 * its newest job, of `copyFrom`, or `initialSpec` when it has none) with the scaffolder
 * identity, and optionally waits for its terminal phase (`Succeeded` or `Failed`),
 * progress in the task log. The create runs in a `ctx.checkpoint`; a dry run is the
 * API server's server-side dry run.
 *
 * @public
 */
export function createNotebookValidateAction(options: RunActionOptions) {
  const clusterWrites = MlopsClusterWrites.create({
    clients: options.clients,
  });
  return createTemplateAction({
    id: ACTION,
    description:
      "Validates a model's notebook: creates a NotebookValidationJob (a copy of the model's newest, or a given spec) with the scaffolder identity and optionally waits until it succeeds or fails; a dry run is a server-side dry run that creates nothing.",
    examples,
    supportsDryRun: true,
    schema: {
      input,
      output: {
        ...runLocationOutputs('job'),
        jobName: z =>
          z
            .string()
            .describe(
              'The NotebookValidationJob; on a dry run, the name the API server generated (nothing is stored), empty when the job to copy does not exist yet (deferred: in a dry run of a template the earlier steps store nothing).',
            ),
        phase: z =>
          z
            .string()
            .optional()
            .describe(
              'With wait: the status.phase the job ended in, Succeeded or Failed.',
            ),
        message: z =>
          z
            .string()
            .optional()
            .describe("With wait: the job's status.message."),
      },
    },
    async handler(ctx) {
      const parsed = parseActionInput(ACTION, input, ctx.input);
      const { namespace, modelName, entityRef } = parsed;
      const { cluster, client, created } = await startAsInitiator(
        ctx,
        options,
        {
          action: ACTION,
          permission: mlopsNotebookValidatePermission,
          entityRef,
          target: { cluster: parsed.cluster, namespace, modelName },
        },
        async () => {
          const serving = await clusterServing(
            options,
            ACTION,
            {
              groupVersion: 'mlops.mlops.dev/v1alpha1',
              resources: [notebookvalidationjobs.plural],
              providedBy: 'the Jupyter Notebook Validator operator',
            },
            parsed.cluster,
          );
          const request = {
            cluster: serving.cluster,
            namespace,
            modelName,
            from: parsed.copyFrom,
            templateSpec: parsed.initialSpec,
            gitRef: parsed.gitRef,
          };
          const job = await startOnce(ctx, {
            action: ACTION,
            request,
            notFound: () =>
              parsed.copyFrom
                ? `NotebookValidationJob "${parsed.copyFrom}" (copyFrom) not found in namespace ${namespace} on cluster ${serving.cluster}`
                : `nothing to validate for model ${modelName} in namespace ${namespace} on cluster ${serving.cluster}; give initialSpec`,
            start: async dryRun => {
              try {
                return (
                  await clusterWrites.validateNotebook({
                    ...request,
                    triggeredBy: triggeredByOf(ctx),
                    dryRun,
                  })
                ).name;
              } catch (error) {
                // A job the cluster refuses has the spec of the model's newest job,
                // or initialSpec when it has none: name the input that may be at fault.
                if (
                  parsed.initialSpec &&
                  isError(error) &&
                  error.name === 'InputError'
                ) {
                  throw new InputError(
                    `${ACTION}: the cluster refused the NotebookValidationJob (its spec is initialSpec when the model has no job to copy): ${error.message}`,
                  );
                }
                throw error;
              }
            },
          });
          return {
            value: { ...serving, created: job },
            object: {
              kind: 'NotebookValidationJob',
              namespace,
              name: job ?? '',
            },
          };
        },
      );
      const jobName = created ?? '';
      const what = `NotebookValidationJob ${namespace}/${jobName} on cluster ${cluster}`;
      if (created !== undefined) {
        ctx.logger.info(
          ctx.isDryRun
            ? `dry run: the cluster accepted ${what}; nothing was created`
            : `created ${what}`,
        );
      }
      const finished = await finishedWhenAsked(ctx, {
        input: parsed,
        client,
        resource: notebookvalidationjobs,
        namespace,
        name: jobName,
        what,
        observe: observeValidationJob,
        pollIntervalMs: options.pollIntervalMs,
      });
      if (finished) {
        ctx.output('phase', finished.status);
        if (finished.detail) ctx.output('message', finished.detail);
      }
      ctx.output('cluster', cluster);
      ctx.output('namespace', namespace);
      ctx.output('jobName', jobName);
      if (entityRef) {
        ctx.output(
          'url',
          portalLink(options.appBaseUrl, entityRef, 'NotebookValidationJob'),
        );
      }
    },
  });
}
