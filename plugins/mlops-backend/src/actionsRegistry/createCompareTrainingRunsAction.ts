import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { compareMlopsRuns } from '@backstage-mlops/plugin-mlops-common';
import type { ModelAccess } from '../services/ModelAccess';
import type { TrainingReader } from '../services/TrainingReader';
import { entityRefField } from './entityRefInput';
import { resolveTrainingTarget } from './trainingTarget';

/**
 * Registers `mlops:compare-training-runs`: 2 to 4 training runs of a model side by
 * side, as the Training tab's comparison shows them; read-only, with the caller's
 * credentials.
 *
 * @internal
 */
export function createCompareTrainingRunsAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: ModelAccess;
  training: TrainingReader;
}) {
  const { actionsRegistry, access, training } = options;
  actionsRegistry.register({
    name: 'compare-training-runs',
    title: 'Compare training runs of an ML model',
    description: `Compares 2 to 4 training runs (Tekton PipelineRuns) of an ML model side by side: status, duration, every model metric any of them reported (with the best value marked, by whether bigger or smaller is better), every param and the images their steps ran, each row saying whether the runs differ.

Use it to answer "why is run B better than run A?" or "what changed between these runs?". Run names come from read-training or read-model-metrics.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          runs: z
            .array(z.string().min(1))
            .min(2)
            .max(4)
            .describe('The names of 2 to 4 PipelineRuns of the model.'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          runs: z.array(
            z.object({
              name: z.string(),
              status: z.string(),
              startedAt: z.string().optional(),
            }),
          ),
          rows: z
            .array(
              z.object({
                group: z.enum(['outcome', 'metrics', 'params', 'images']),
                label: z.string(),
                values: z.array(z.union([z.string(), z.number(), z.null()])),
                differs: z.boolean(),
                best: z.array(z.boolean()).optional(),
              }),
            )
            .describe(
              'One row per compared value; values in the order of runs, null where a run has none.',
            ),
        }),
    },
    examples: [
      {
        title: 'Two runs of a model',
        input: {
          entityRef: 'component:default/anomaly-detector',
          runs: [
            'train-anomaly-detector-abcde',
            'train-anomaly-detector-fghij',
          ],
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const target = await resolveTrainingTarget(
        access,
        input.entityRef,
        credentials,
      );
      const { runs, missing } = await training.readRuns(target, input.runs);
      if (missing.length > 0) {
        throw new NotFoundError(
          `${target.entityRef} has no training run named ${missing.join(
            ', ',
          )} in namespace ${target.coordinates.namespace}`,
        );
      }
      return {
        output: {
          entityRef: target.entityRef,
          runs: runs.map(r => ({
            name: r.name,
            status: r.status,
            ...(r.startedAt ? { startedAt: r.startedAt } : {}),
          })),
          rows: compareMlopsRuns(runs).map(row => ({
            ...row,
            values: row.values.map(v => (v === undefined ? null : v)),
          })),
        },
      };
    },
  });
}
