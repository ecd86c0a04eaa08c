import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  MlopsClusterClient,
  MlopsKubernetesObject,
} from '@backstage-mlops/plugin-mlops-node';
import { z } from 'zod';
import type { ServingRuntimeRequirement } from './modelProjectRequirements';

const SERVING_RUNTIMES = {
  group: 'serving.kserve.io',
  version: 'v1alpha1',
  plural: 'servingruntimes',
};
const CLUSTER_SERVING_RUNTIMES = {
  ...SERVING_RUNTIMES,
  plural: 'clusterservingruntimes',
};

/** What of a ServingRuntime's spec decides whether it serves the model (KServe v1alpha1). */
const runtimeSpec = z
  .object({
    spec: z
      .object({
        disabled: z.boolean().optional(),
        protocolVersions: z.array(z.string()).optional(),
        supportedModelFormats: z
          .array(
            z
              .object({ name: z.string(), version: z.string().optional() })
              .loose(),
          )
          .default([]),
      })
      .loose()
      .default({ supportedModelFormats: [] }),
  })
  .loose();

/** Why a found runtime cannot serve the model, if it cannot. */
function unfit(
  found: MlopsKubernetesObject,
  need: ServingRuntimeRequirement,
): string | undefined {
  const parsed = runtimeSpec.safeParse(found);
  if (!parsed.success) return 'its spec cannot be read';
  const { disabled, protocolVersions, supportedModelFormats } =
    parsed.data.spec;
  const { name, version } = need.modelFormat;
  if (disabled) return 'it is disabled (spec.disabled)';
  if (
    !supportedModelFormats.some(
      f =>
        f.name === name && (f.version === undefined || f.version === version),
    )
  ) {
    return `it does not list model format ${name} version ${version} in spec.supportedModelFormats`;
  }
  // KServe's default when a runtime lists no protocol is v1.
  if (!(protocolVersions ?? ['v1']).includes(need.protocolVersion)) {
    return `it does not speak the KServe ${need.protocolVersion} protocol (spec.protocolVersions)`;
  }
  return undefined;
}

/**
 * Whether the ServingRuntime a framework's InferenceService names
 * (`spec.predictor.model.runtime`) exists where KServe looks for it — in the namespace,
 * else as a ClusterServingRuntime (a cluster without that API counts as not having one)
 * — and can serve the model: not disabled, the model format and version listed, the
 * protocol the post-deployment check speaks. Returns the problem, naming the
 * `framework` field; other failures are thrown.
 *
 * @public
 */
export async function checkServingRuntime(
  client: MlopsClusterClient,
  namespace: string,
  need: ServingRuntimeRequirement,
): Promise<string[]> {
  const field = `framework ${need.framework}: ${need.servedBy} serves it with ServingRuntime "${need.runtime}"`;
  const fetch = async (
    resource: typeof SERVING_RUNTIMES,
    ns: string | undefined,
  ) => {
    try {
      return await client.getObject({
        resource,
        namespace: ns,
        name: need.runtime,
      });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
  let found: MlopsKubernetesObject | undefined;
  try {
    found = await fetch(SERVING_RUNTIMES, namespace);
  } catch (error) {
    if (error instanceof NotAllowedError) {
      return [
        `${field}, which the scaffolder identity may not read in namespace ${namespace} (grant it get on servingruntimes.serving.kserve.io), so it cannot be checked`,
      ];
    }
    throw error;
  }
  let where = `in namespace ${namespace}`;
  if (!found) {
    // A cluster-wide runtime serves every namespace; not being allowed to read those
    // counts as not finding one.
    found = await fetch(CLUSTER_SERVING_RUNTIMES, undefined).catch(error => {
      if (error instanceof NotAllowedError) return undefined;
      throw error;
    });
    where = 'as a ClusterServingRuntime';
  }
  if (!found) {
    return [
      `${field}, which is not in namespace ${namespace} on cluster ${client.cluster}, nor a ClusterServingRuntime of that name: an admin creates it from OpenShift AI's template (oc process -n redhat-ods-applications ${need.template} | oc apply -n ${namespace} -f -), or choose another framework`,
    ];
  }
  const why = unfit(found, need);
  return why ? [`${field} (found ${where}), but ${why}`] : [];
}
