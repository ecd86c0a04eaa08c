import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { LineageReader } from '../services/LineageReader';
import type { ModelAccess } from '../services/ModelAccess';
import { entityRefField } from './entityRefInput';
import { resolveModelTarget } from './modelTarget';

/**
 * Registers `mlops:read-model-lineage`: which training run produced the model an ML
 * model's InferenceService serves, and from which validation job, image build and
 * source commit; read-only, with the caller's credentials (catalog read permission,
 * as for `GET …/lineage`).
 *
 * @internal
 */
export function createReadModelLineageAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: ModelAccess;
  lineage: LineageReader;
}) {
  const { actionsRegistry, access, lineage } = options;
  actionsRegistry.register({
    name: 'read-model-lineage',
    title: 'Read the lineage of the model an ML model serves',
    description: `Returns where the model that an ML model's KServe InferenceService serves comes from: the model version and since when it serves, the training run (Tekton PipelineRun) that produced and promoted it with its metrics, the notebook validation job that trained it, the S2I build and image digest it ran on, and the source commit of that build (with its web page where the git host is known). Where a link cannot be followed, "gaps" says which and why.

Use it to answer "which run produced the served model of <model>?", "which commit is in production?" or "since when does <model> serve this version?".`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: entityRefField(z) }),
      output: z =>
        z
          .object({
            entityRef: z.string(),
            cluster: z.string(),
            namespace: z.string(),
            modelName: z.string(),
            lineage: z
              .object({
                serving: z
                  .object({
                    inferenceService: z.string(),
                    ready: z.string(),
                    modelVersion: z.string().optional(),
                    servingSince: z.string().optional(),
                  })
                  .passthrough(),
                run: z
                  .object({ name: z.string(), status: z.string() })
                  .passthrough()
                  .optional()
                  .describe('The training run that produced the served model.'),
                validationJob: z.unknown().optional(),
                build: z.unknown().optional(),
                commit: z.object({ sha: z.string() }).passthrough().optional(),
                gaps: z.array(
                  z.object({ step: z.string(), reason: z.string() }),
                ),
              })
              .optional()
              .describe(
                'Absent when the model names no InferenceService or it does not exist.',
              ),
            freshness: z.array(z.unknown()),
          })
          .passthrough(),
    },
    examples: [
      {
        title: 'Which run produced the served model?',
        input: { entityRef: 'component:default/anomaly-detector' },
      },
    ],
    action: async ({ input, credentials }) => {
      const target = await resolveModelTarget(
        access,
        input.entityRef,
        credentials,
      );
      const output = await lineage.read(target);
      return { output: JSON.parse(JSON.stringify(output)) };
    },
  });
}
