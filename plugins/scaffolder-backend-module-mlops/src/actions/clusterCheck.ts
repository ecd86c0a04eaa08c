import { assertError, InputError } from '@backstage/errors';
import {
  clusterNameSchema,
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  labelValueSchema,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsClusterClients,
  MlopsClusterRegistry,
} from '@backstage-mlops/plugin-mlops-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { ZodType } from 'zod';
import { checkModelProjectPlatform } from '../platform/checkModelProjectPlatform';
import {
  MODEL_FRAMEWORKS,
  MODEL_PROJECT_SERVING_RUNTIMES,
  MODEL_VOLUME_ACCESS_MODES,
} from '../platform/modelProjectRequirements';
import { examples } from './clusterCheck.examples';

/**
 * What {@link createClusterCheckAction} needs.
 *
 * @public
 */
export interface ClusterCheckActionOptions {
  clusters: MlopsClusterRegistry;
  /** The clients with the scaffolder identity (`mlopsScaffolderClusterClientsServiceRef`). */
  clients: MlopsClusterClients;
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

const RUNTIMES = MODEL_FRAMEWORKS.map(
  f => `${f}: ${MODEL_PROJECT_SERVING_RUNTIMES[f].runtime}`,
).join(', ');

/**
 * Creates the `mlops:cluster:check` action: the platform pre-checks a template runs
 * before it creates anything (ADR-023's platform detection). With the scaffolder
 * identity it checks that the cluster is configured, that the namespace and model name
 * are valid and the namespace exists, that every API the model project uses is served
 * (Tekton Pipelines and Triggers, KServe, OpenShift builds, images and routes, the
 * notebook validator, Kubeflow notebooks, OpenShift monitoring), with
 * SelfSubjectAccessReviews that the identity may create everything the template
 * creates, that the namespace has the ServingRuntime the framework's InferenceService
 * names and that it serves the model, and that the model volume's storage class and
 * access mode can be provided. Fails with one `InputError` listing every problem
 * found, each naming its field; changes nothing, so a dry run does the same.
 *
 * @public
 */
export function createClusterCheckAction(options: ClusterCheckActionOptions) {
  const { clusters, clients } = options;
  return createTemplateAction({
    id: 'mlops:cluster:check',
    description:
      'Checks, before anything is created, that the cluster serves every API a model project uses, that the namespace exists with the ServingRuntime the framework needs, that the model volume can be provided as asked and that the scaffolder identity may create the project; fails with one message listing every problem.',
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
              'Existing namespace the model project will live in (DNS-1123 label).',
            ),
        modelName: z =>
          z
            .string()
            .describe(
              'Model name, used as the model-name label on training runs and validation jobs.',
            ),
        framework: z =>
          z
            .enum(MODEL_FRAMEWORKS)
            .optional()
            .describe(
              `The model's framework, as the ml-model template names it; its InferenceService names an OpenShift AI ServingRuntime that must be in the namespace (or a ClusterServingRuntime of that name) and serve the model (${RUNTIMES}).`,
            ),
        storageAccessMode: z =>
          z
            .enum(MODEL_VOLUME_ACCESS_MODES)
            .optional()
            .describe(
              'Access mode of the model volume: ReadWriteMany needs a storage class that provides it; ReadWriteOnce, a cluster that runs pods on one node.',
            ),
        storageClassName: z =>
          z
            .string()
            .optional()
            .describe(
              "StorageClass of the volumes, '' (or absent) for the cluster's default; checked when storageAccessMode is given.",
            ),
      },
      output: {
        cluster: z =>
          z.string().describe('Name of the cluster that was checked.'),
        apis: z =>
          z
            .array(z.string())
            .describe('Every API (group/version) that was found served.'),
        accessReviews: z =>
          z
            .number()
            .describe(
              'How many permissions of the scaffolder identity were checked (all allowed).',
            ),
      },
    },
    async handler(ctx) {
      const {
        cluster,
        namespace,
        modelName,
        framework,
        storageAccessMode,
        storageClassName,
      } = ctx.input;
      const nameProblems = problemsOf(
        'namespace',
        namespace,
        dns1123LabelSchema,
      );
      const classProblems = problemsOf(
        'storageClassName',
        storageClassName || undefined,
        dns1123SubdomainSchema,
      );
      const problems = [
        ...problemsOf('cluster', cluster, clusterNameSchema),
        ...nameProblems,
        ...problemsOf('modelName', modelName, labelValueSchema),
        ...classProblems,
      ];
      let checkedCluster: string | undefined;
      let report = { apis: [] as string[], accessReviews: 0 };
      try {
        checkedCluster = (await clusters.resolveCluster(cluster || undefined))
          .name;
        const client = clients.forCluster(checkedCluster);
        if (nameProblems.length === 0) {
          const found = await checkModelProjectPlatform(
            client,
            namespace,
            m => ctx.logger.info(m),
            {
              framework,
              storage:
                storageAccessMode && classProblems.length === 0
                  ? {
                      accessMode: storageAccessMode,
                      storageClassName: storageClassName ?? '',
                    }
                  : undefined,
            },
          );
          problems.push(...found.problems);
          report = found;
        }
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
        `cluster ${checkedCluster}: ${report.apis.length} APIs served, namespace ${namespace} exists, ${report.accessReviews} permissions allowed`,
      );
      ctx.output('cluster', checkedCluster);
      ctx.output('apis', report.apis);
      ctx.output('accessReviews', report.accessReviews);
    },
  });
}
