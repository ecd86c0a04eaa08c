import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { MLOPS_RUN_STATUSES } from '@backstage-mlops/plugin-mlops-common';
import type { ModelAccess } from '../services/ModelAccess';
import type { TrainingReader } from '../services/TrainingReader';
import { entityRefField, runLimitField } from './entityRefInput';
import { resolveTrainingTarget } from './trainingTarget';

/**
 * Registers `mlops:read-training`: the Training tab of a model as an action (for AI
 * agents and MCP clients of the portal), read with the caller's own credentials, so
 * catalog read permission applies exactly as for `GET …/training`.
 *
 * @internal
 */
export function createReadTrainingAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: ModelAccess;
  training: TrainingReader;
}) {
  const { actionsRegistry, access, training } = options;
  actionsRegistry.register({
    name: 'read-training',
    title: 'Read the training state of an ML model',
    description: `Returns the training runs (Tekton PipelineRuns with their TaskRuns, status, trigger, params and results), notebook validation jobs (with error categories) and notebook image builds of an ML model in the catalog, newest first, from the portal's watch cache of the cluster.

Use it to answer "is training of <model> working?", "why did the last run fail?" or "which step failed?". Pass a \`status\` to list only runs in that state, and the returned \`pipelineRuns.nextCursor\` as \`cursor\` for the next page.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          status: z
            .array(z.enum(MLOPS_RUN_STATUSES))
            .optional()
            .describe('Only runs in these states, e.g. ["Failed"].'),
          limit: runLimitField(z, 'Runs per page'),
          cursor: z
            .string()
            .optional()
            .describe('The nextCursor of a previous answer.'),
        }),
      output: z =>
        z
          .object({
            entityRef: z.string(),
            cluster: z.string(),
            namespace: z.string(),
            modelName: z.string(),
            pipelineRuns: z
              .object({
                items: z.array(z.unknown()),
                totalItems: z.number(),
              })
              .passthrough()
              .describe('The runs, newest first, each with its TaskRuns.'),
            validationJobs: z
              .object({ items: z.array(z.unknown()), totalItems: z.number() })
              .passthrough(),
            builds: z
              .object({ items: z.array(z.unknown()), totalItems: z.number() })
              .passthrough(),
            freshness: z
              .array(z.unknown())
              .describe('How current the cache of each kind is.'),
          })
          .passthrough(),
    },
    examples: [
      {
        title: 'The failed runs of a model',
        input: {
          entityRef: 'component:default/anomaly-detector',
          status: ['Failed'],
          limit: 5,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const target = await resolveTrainingTarget(
        access,
        input.entityRef,
        credentials,
      );
      const output = await training.read(target, {
        status: input.status,
        limit: input.limit ?? 25,
        cursor: input.cursor,
      });
      return { output: JSON.parse(JSON.stringify(output)) };
    },
  });
}
