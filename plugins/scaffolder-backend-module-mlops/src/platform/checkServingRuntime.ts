import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';

const SERVING_RUNTIMES = {
  group: 'serving.kserve.io',
  version: 'v1alpha1',
  plural: 'servingruntimes',
};
const CLUSTER_SERVING_RUNTIMES = {
  ...SERVING_RUNTIMES,
  plural: 'clusterservingruntimes',
};

/**
 * Whether the ServingRuntime an InferenceService names (`spec.predictor.model.runtime`)
 * exists where KServe looks for it: in the namespace, else as a ClusterServingRuntime
 * (a cluster without that API counts as not having one). Returns the problem, if any;
 * other failures are thrown.
 *
 * @public
 */
export async function checkServingRuntime(
  client: MlopsClusterClient,
  namespace: string,
  runtime: string,
  why: string,
): Promise<string[]> {
  const exists = async (
    resource: typeof SERVING_RUNTIMES,
    ns: string | undefined,
  ) => {
    try {
      await client.getObject({ resource, namespace: ns, name: runtime });
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  };
  try {
    if (await exists(SERVING_RUNTIMES, namespace)) return [];
  } catch (error) {
    if (error instanceof NotAllowedError) {
      return [
        `the scaffolder identity may not read ServingRuntime "${runtime}" in namespace ${namespace} (grant it get on servingruntimes.serving.kserve.io), so it cannot be checked: ${why}`,
      ];
    }
    throw error;
  }
  // A cluster-wide runtime serves every namespace; not being allowed to read those
  // counts as not finding one.
  const clusterWide = await exists(CLUSTER_SERVING_RUNTIMES, undefined).catch(
    error => {
      if (error instanceof NotAllowedError) return false;
      throw error;
    },
  );
  if (clusterWide) return [];
  return [
    `ServingRuntime "${runtime}" is not in namespace ${namespace} on cluster ${client.cluster}, nor a ClusterServingRuntime of that name: ${why}`,
  ];
}
