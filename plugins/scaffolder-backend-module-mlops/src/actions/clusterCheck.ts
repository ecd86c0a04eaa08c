import { assertError, InputError } from '@backstage/errors';
import {
  clusterNameSchema,
  dns1123LabelSchema,
  labelValueSchema,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { ZodType } from 'zod';
import { examples } from './clusterCheck.examples';

/**
 * What {@link createClusterCheckAction} needs.
 *
 * @public
 */
export interface ClusterCheckActionOptions {
  clusters: MlopsClusterRegistry;
}

function problemsOf(
  field: string,
  value: string | undefined,
  schema: ZodType<string>,
) {
  if (value === undefined) {
    return [];
  }
  const parsed = schema.safeParse(value);
  return parsed.success
    ? []
    : [
        `${field} ${JSON.stringify(value)} ${parsed.error.issues
          .map(i => i.message)
          .join('; ')}`,
      ];
}

/**
 * Creates the `mlops:cluster:check` action: the pre-checks a template runs before it
 * creates anything. It checks that the chosen cluster is configured in the portal (or
 * that exactly one is, when none is chosen) and that the namespace and model name are
 * valid on Kubernetes, and fails with one message listing every problem found.
 *
 * @public
 */
export function createClusterCheckAction(options: ClusterCheckActionOptions) {
  const { clusters } = options;
  return createTemplateAction({
    id: 'mlops:cluster:check',
    description:
      'Checks, before anything is created, that the chosen cluster is configured and that the namespace and model name are valid; fails with one message listing every problem.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Name of a configured cluster; may be omitted when the portal has exactly one.',
            ),
        namespace: z =>
          z
            .string()
            .describe(
              'Namespace the model project will live in (DNS-1123 label).',
            ),
        modelName: z =>
          z
            .string()
            .describe(
              'Model name, used as the model-name label on training runs and validation jobs.',
            ),
      },
      output: {
        cluster: z =>
          z.string().describe('Name of the cluster that was checked.'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, modelName } = ctx.input;
      const problems = [
        ...problemsOf('cluster', cluster, clusterNameSchema),
        ...problemsOf('namespace', namespace, dns1123LabelSchema),
        ...problemsOf('modelName', modelName, labelValueSchema),
      ];
      let checkedCluster: string | undefined;
      try {
        checkedCluster = clusters.resolveCluster(cluster || undefined).name;
      } catch (error) {
        assertError(error);
        problems.push(error.message);
      }
      if (problems.length > 0 || !checkedCluster) {
        throw new InputError(
          `mlops:cluster:check found ${
            problems.length
          } problem(s): ${problems.join('; ')}`,
        );
      }
      ctx.logger.info(
        `cluster ${checkedCluster}: namespace ${namespace} and model name ${modelName} are valid`,
      );
      ctx.output('cluster', checkedCluster);
    },
  });
}
