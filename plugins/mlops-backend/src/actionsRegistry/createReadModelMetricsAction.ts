import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  mlopsBestMetricValue,
  mlopsMetricDirection,
} from '@backstage-mlops/plugin-mlops-common';
import type { ModelAccess } from '../services/ModelAccess';
import type { TrainingReader } from '../services/TrainingReader';
import { entityRefField, runLimitField } from './entityRefInput';
import { resolveTrainingTarget } from './trainingTarget';

/**
 * Registers `mlops:read-model-metrics`: the model metrics of a model's newest
 * training runs (the `metrics` result convention), with the latest and best value of
 * each metric; read-only, with the caller's credentials.
 *
 * @internal
 */
export function createReadModelMetricsAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: ModelAccess;
  training: TrainingReader;
}) {
  const { actionsRegistry, access, training } = options;
  actionsRegistry.register({
    name: 'read-model-metrics',
    title: 'Read the model metrics of an ML model',
    description: `Returns the model metrics (e.g. accuracy, f1, roc_auc, rmse, mae) that the newest training runs of an ML model reported in their Tekton result "metrics", newest first, with each metric's latest and best value and whether bigger or smaller is better.

Use it to answer "how good is <model>?", "did the last training improve it?" or "which run had the best accuracy?". Runs that reported no metrics are counted, not listed; values that were not numbers are named in metricsProblems.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          limit: runLimitField(z, 'How many of the newest runs to read'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          modelName: z.string(),
          runsRead: z.number(),
          runsWithoutMetrics: z.number(),
          runs: z
            .array(
              z.object({
                name: z.string(),
                status: z.string(),
                startedAt: z.string().optional(),
                metrics: z.record(z.number()),
                metricsProblems: z.array(z.string()).optional(),
              }),
            )
            .describe('The runs that reported metrics, newest first.'),
          metrics: z
            .array(
              z.object({
                name: z.string(),
                better: z.enum(['higher', 'lower']),
                latest: z.object({ run: z.string(), value: z.number() }),
                best: z.object({ run: z.string(), value: z.number() }),
              }),
            )
            .describe('Each metric: its latest and its best value.'),
        }),
    },
    examples: [
      {
        title: 'The metrics of the last 10 runs',
        input: { entityRef: 'component:default/anomaly-detector', limit: 10 },
      },
    ],
    action: async ({ input, credentials }) => {
      const target = await resolveTrainingTarget(
        access,
        input.entityRef,
        credentials,
      );
      const answer = await training.read(target, { limit: input.limit ?? 25 });
      const items = answer.pipelineRuns.items;
      const reported = items.filter(r => r.metrics?.length);
      const runs = reported.map(r => ({
        name: r.name,
        status: r.status,
        ...(r.startedAt ? { startedAt: r.startedAt } : {}),
        metrics: Object.fromEntries(
          (r.metrics ?? []).map(m => [m.name, m.value]),
        ),
        ...(r.metricsProblems ? { metricsProblems: r.metricsProblems } : {}),
      }));
      const names = [
        ...new Set(reported.flatMap(r => (r.metrics ?? []).map(m => m.name))),
      ].sort();
      const metrics = names.map(name => {
        const holders = runs.filter(r => r.metrics[name] !== undefined);
        const best = mlopsBestMetricValue(
          name,
          holders.map(r => r.metrics[name]),
        )!;
        const bestRun = holders.find(r => r.metrics[name] === best)!;
        return {
          name,
          better: mlopsMetricDirection(name),
          latest: { run: holders[0].name, value: holders[0].metrics[name] },
          best: { run: bestRun.name, value: best },
        };
      });
      return {
        output: {
          entityRef: answer.entityRef,
          modelName: answer.modelName,
          runsRead: items.length,
          runsWithoutMetrics: items.length - reported.length,
          runs,
          metrics,
        },
      };
    },
  });
}
