import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { HealthReader } from '../services/HealthReader';
import type { ModelAccess } from '../services/ModelAccess';
import { entityRefField } from './entityRefInput';
import { resolveModelTarget } from './modelTarget';

/**
 * Registers `mlops:read-health`: the Health tab of a model as an action, read with the
 * caller's own credentials (catalog read permission, as for `GET …/health`).
 *
 * @internal
 */
export function createReadHealthAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: ModelAccess;
  health: HealthReader;
}) {
  const { actionsRegistry, access, health } = options;
  actionsRegistry.register({
    name: 'read-health',
    title: 'Read the serving health of an ML model',
    description: `Returns the health of an ML model in the catalog: its KServe InferenceService (Ready, every condition, model load state and last load failure such as ModelLoadFailed, URL, deployment mode), the latest health-check results of its training runs, and its workbench (running or stopped).

Use it to answer "is <model> serving?", "why is it not Ready?" or "did the last health check pass?".`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: entityRefField(z) }),
      output: z =>
        z
          .object({
            entityRef: z.string(),
            cluster: z.string(),
            namespace: z.string(),
            inferenceServices: z
              .array(z.unknown())
              .describe(
                'The model’s InferenceService (none when not annotated).',
              ),
            healthChecks: z.array(z.unknown()),
            workbench: z.unknown().optional(),
            freshness: z.array(z.unknown()),
          })
          .passthrough(),
    },
    examples: [
      {
        title: 'Is a model serving?',
        input: { entityRef: 'component:default/anomaly-detector' },
      },
    ],
    action: async ({ input, credentials }) => {
      const target = await resolveModelTarget(
        access,
        input.entityRef,
        credentials,
      );
      const output = await health.read(target);
      return { output: JSON.parse(JSON.stringify(output)) };
    },
  });
}
