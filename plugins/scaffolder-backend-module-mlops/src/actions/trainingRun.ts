import {
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  labelValueSchema,
  mlopsTrainingRunPermission,
} from '@backstage-mlops/plugin-mlops-common';
import {
  MLOPS_RESOURCE_KINDS,
  MlopsClusterWrites,
} from '@backstage-mlops/plugin-mlops-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { portalLink } from '../manifests/portalLink';
import {
  nameField,
  paramsField,
  parseActionInput,
  runTargetFields,
  type ScaffolderZod,
} from '../runs/runInput';
import {
  observePipelineRun,
  type TrainingRunStatus,
} from '../runs/runObservations';
import {
  clusterServing,
  finishedWhenAsked,
  runLocationOutputs,
  startOnce,
} from '../runs/runSteps';
import { triggeredByOf } from '../runs/triggeredBy';
import { startAsInitiator } from '../runs/initiatorAccess';
import type { RunActionOptions } from './runActionOptions';
import { examples } from './trainingRun.examples';

const ACTION = 'mlops:training:run';
const { pipelines, pipelineruns } = MLOPS_RESOURCE_KINDS;

const input = {
  ...runTargetFields,
  modelName: (z: ScaffolderZod) =>
    nameField(z, labelValueSchema).describe(
      "The model's name: its model-name label value and the model-name param.",
    ),
  pipeline: (z: ScaffolderZod) =>
    nameField(z, dns1123SubdomainSchema)
      .optional()
      .describe(
        "The training Pipeline (tekton.dev/v1) to run; with entityRef it must be the entity's training pipeline (the default), else the default is <modelName>-training-pipeline, the one the ml-model template creates.",
      ),
  params: (z: ScaffolderZod) =>
    paramsField(z)
      .optional()
      .describe(
        'Param values by name, e.g. {"data-source": "synthetic"}; checked against the params the Pipeline declares. Params not given take the Pipeline defaults, then the values of the newest earlier run of the model.',
      ),
  serviceAccountName: (z: ScaffolderZod) =>
    nameField(z, dns1123SubdomainSchema)
      .optional()
      .describe(
        "The ServiceAccount of the run's TaskRuns (the ml-model template creates <modelName>-pipeline); default the model's previous run's, else pipeline.",
      ),
  workspaceClaims: (z: ScaffolderZod) =>
    z
      .record(nameField(z, dns1123SubdomainSchema))
      .optional()
      .describe(
        'A PersistentVolumeClaim per Pipeline workspace, e.g. {"model-storage": "<modelName>-models"} (what the ml-model template creates); default the previous run\'s bindings, else model-storage-pvc.',
      ),
  inferenceService: (z: ScaffolderZod) =>
    nameField(z, dns1123LabelSchema)
      .optional()
      .describe(
        "The model's InferenceService: the default of the inference-service-name param.",
      ),
};

/**
 * Creates the `mlops:training:run` action: starts a `tekton.dev/v1` PipelineRun of a
 * model's training Pipeline (ADR-053) with the scaffolder identity, optionally waits
 * until it finishes (progress in the task log, bounded by `timeoutSeconds`). The
 * create runs in a `ctx.checkpoint`, so a retried task does not start a second run; a
 * dry run is the API server's server-side dry run (nothing is started).
 *
 * @public
 */
export function createTrainingRunAction(options: RunActionOptions) {
  const clusterWrites = MlopsClusterWrites.create({
    clients: options.clients,
  });
  return createTemplateAction({
    id: ACTION,
    description:
      'Starts a training run of a model (a tekton.dev/v1 PipelineRun of its training Pipeline) with the scaffolder identity and optionally waits until it finishes; a dry run is a server-side dry run that starts nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input,
      output: {
        ...runLocationOutputs('run'),
        runName: z =>
          z
            .string()
            .describe(
              'The PipelineRun; on a dry run, the name the API server generated (nothing is stored), empty when Deferred.',
            ),
        status: z =>
          z
            .enum([
              'Started',
              'Accepted',
              'Deferred',
              'Succeeded',
              'Failed',
              'Cancelled',
              'TimedOut',
            ])
            .describe(
              'Started (not waited for), Accepted (dry run), Deferred (dry run of a template whose earlier steps would create the Pipeline: not checked), or how the run ended (with wait): Succeeded, Failed, Cancelled, TimedOut.',
            ),
        reason: z =>
          z
            .string()
            .optional()
            .describe(
              "With wait: why the run ended: the failed task with its reason and message, else Tekton's reason and message.",
            ),
        params: z =>
          z
            .array(
              z.object({
                name: z.string().describe('Param name.'),
                value: z
                  .union([
                    z.string(),
                    z.array(z.string()),
                    z.record(z.string()),
                  ])
                  .describe('Param value.'),
              }),
            )
            .describe('The params the run was started with.'),
      },
    },
    async handler(ctx) {
      const parsed = parseActionInput(ACTION, input, ctx.input);
      const { namespace, modelName, entityRef } = parsed;
      const { cluster, client, started } = await startAsInitiator(
        ctx,
        options,
        {
          action: ACTION,
          permission: mlopsTrainingRunPermission,
          entityRef,
          target: {
            cluster: parsed.cluster,
            namespace,
            modelName,
            pipeline: parsed.pipeline,
          },
        },
        async model => {
          const pipeline =
            parsed.pipeline ??
            model?.trainingPipeline ??
            `${modelName}-training-pipeline`;
          const serving = await clusterServing(
            options,
            ACTION,
            {
              groupVersion: 'tekton.dev/v1',
              resources: [pipelines.plural, pipelineruns.plural],
              providedBy: 'Tekton Pipelines (OpenShift Pipelines)',
            },
            parsed.cluster,
          );
          const request = {
            cluster: serving.cluster,
            namespace,
            modelName,
            pipeline,
            params: parsed.params,
            inferenceService: parsed.inferenceService,
            serviceAccountName: parsed.serviceAccountName,
            workspaceClaims: parsed.workspaceClaims,
          };
          ctx.logger.info(
            `${
              ctx.isDryRun ? 'dry run: checking' : 'starting'
            } a run of Pipeline ${pipeline} for model ${modelName} in namespace ${namespace} on cluster ${
              serving.cluster
            }`,
          );
          const run = await startOnce(ctx, {
            action: ACTION,
            request,
            notFound: () =>
              `Pipeline "${pipeline}" not found in namespace ${namespace} on cluster ${serving.cluster} (create it first, e.g. with the ml-model template, or name another one in pipeline)`,
            start: async dryRun => {
              const result = await clusterWrites.runTraining({
                ...request,
                triggeredBy: triggeredByOf(ctx),
                dryRun,
              });
              return { name: result.name, params: result.params ?? [] };
            },
          });
          return {
            value: { ...serving, started: run },
            object: { kind: 'PipelineRun', namespace, name: run?.name ?? '' },
          };
        },
      );
      const run = started ?? { name: '', params: [] };
      const what = `PipelineRun ${namespace}/${run.name} on cluster ${cluster}`;
      let status: TrainingRunStatus = 'Started';
      if (ctx.isDryRun) {
        status = started ? 'Accepted' : 'Deferred';
      }
      if (status !== 'Deferred') {
        ctx.logger.info(
          ctx.isDryRun
            ? `dry run: the cluster accepted ${what}; nothing was started`
            : `started ${what}`,
        );
      }
      const finished = await finishedWhenAsked(ctx, {
        input: parsed,
        client,
        resource: pipelineruns,
        namespace,
        name: run.name,
        what,
        observe: observePipelineRun,
        pollIntervalMs: options.pollIntervalMs,
      });
      if (finished) {
        // observePipelineRun finishes only as Succeeded, Failed, Cancelled or TimedOut.
        status = finished.status as TrainingRunStatus;
        if (finished.detail) ctx.output('reason', finished.detail);
      }
      ctx.output('cluster', cluster);
      ctx.output('namespace', namespace);
      ctx.output('runName', run.name);
      ctx.output('status', status);
      ctx.output('params', run.params);
      if (entityRef) {
        ctx.output(
          'url',
          portalLink(options.appBaseUrl, entityRef, 'PipelineRun'),
        );
      }
    },
  });
}
