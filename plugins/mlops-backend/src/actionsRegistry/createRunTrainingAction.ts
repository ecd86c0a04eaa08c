import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { mlopsTrainingRunPermission } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterWrites } from '@backstage-mlops/plugin-mlops-node';
import { ModelAccess } from '../services/ModelAccess';
import {
  clusterWriteAudit,
  type ModelMutations,
} from '../services/ModelMutations';
import { entityRefField } from './entityRefInput';

/**
 * Registers `mlops:run-training`: starts a training run of an ML model (a Tekton
 * PipelineRun of its training pipeline), for AI agents and MCP clients of the portal,
 * through the same authorization and audit path as `POST …/mutations/run-training`
 * ({@link ModelMutations}: catalog read access, the namespace, the
 * `mlops.training.run` permission, an `mlops-action` audit event).
 *
 * @internal
 */
export function createRunTrainingAction(options: {
  actionsRegistry: ActionsRegistryService;
  mutations: ModelMutations;
  clusterWrites: Pick<MlopsClusterWrites, 'runTraining'>;
}) {
  const { actionsRegistry, mutations, clusterWrites } = options;
  actionsRegistry.register({
    name: 'run-training',
    title: 'Start a training run of an ML model',
    description: `Starts a new training run of an ML model in the catalog: a Tekton PipelineRun of the model's training pipeline, labelled with the model and with the caller as the one who triggered it. Params not given take the pipeline's defaults, the model's own values (model-name, inference-service-name) and, for the rest, the newest earlier run of the model that has each; unknown or invalid params are refused, each named.

Use \`dryRun: true\` first to see the params the run would get without starting it. The run then appears in mlops:read-training.`,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          params: z
            .record(z.string())
            .optional()
            .describe(
              'Param values by name, e.g. {"data-source": "synthetic"}; data-source is one of synthetic, prometheus, hybrid.',
            ),
          dryRun: z
            .boolean()
            .optional()
            .describe('Only validate on the cluster; start nothing.'),
        }),
      output: z =>
        z.object({
          pipelineRun: z
            .string()
            .describe(
              'The new PipelineRun; on a dry run, the name the cluster would have given it (nothing is stored).',
            ),
          namespace: z.string(),
          dryRun: z.boolean(),
          params: z
            .array(z.object({ name: z.string(), value: z.unknown() }))
            .describe('The params as sent to the cluster.'),
        }),
    },
    examples: [
      {
        title: 'Retrain a model on synthetic data',
        input: {
          entityRef: 'component:default/anomaly-detector',
          params: { 'data-source': 'synthetic' },
        },
      },
    ],
    action: async ({ input, credentials }) =>
      mutations.run(
        {
          action: 'run-training',
          permission: mlopsTrainingRunPermission,
          entityRef: ModelAccess.parseRef(input.entityRef),
          credentials,
          via: 'actions-registry',
        },
        {
          perform: async ({ target, triggeredBy }) => {
            const result = await clusterWrites.runTraining({
              cluster: target.cluster.name,
              namespace: target.coordinates.namespace,
              triggeredBy,
              dryRun: input.dryRun,
              modelName: target.coordinates.modelName,
              pipeline: target.coordinates.trainingPipeline,
              inferenceService: target.coordinates.inferenceService,
              params: input.params,
            });
            return {
              value: {
                output: JSON.parse(
                  JSON.stringify({
                    pipelineRun: result.name,
                    namespace: result.namespace,
                    dryRun: input.dryRun ?? false,
                    params: result.params ?? [],
                  }),
                ),
              },
              audit: clusterWriteAudit({
                object: result,
                dryRun: result.dryRun,
                changed: result.changed,
              }),
            };
          },
        },
      ),
  });
}
