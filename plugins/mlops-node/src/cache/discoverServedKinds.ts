import { z } from 'zod';
import type { MlopsClusterClient } from '../client/types';
import { clusterApiStatusOf } from '../client/MlopsClusterApiError';
import {
  MLOPS_RESOURCE_KINDS,
  type MlopsResourceKindId,
} from '../kinds/resourceKinds';

/**
 * Whether a cluster serves a kind, and if not, why (in words).
 *
 * @internal
 */
export type KindAvailability =
  | { served: true }
  | { served: false; reason: string };

/** What is missing when an API group is not served at all. */
const MISSING: Record<string, string> = {
  'tekton.dev': 'Tekton is not installed',
  'serving.kserve.io': 'KServe is not installed',
  'build.openshift.io': 'OpenShift builds are not available',
  'mlops.mlops.dev': 'the Jupyter Notebook Validator Operator is not installed',
  'kubeflow.org':
    'the Kubeflow notebook controller (OpenShift AI workbenches) is not installed',
};

const apiResourceList = z.object({
  resources: z.array(z.object({ name: z.string() }).loose()).nullable(),
});

/**
 * Asks a cluster's API discovery (`GET /apis/<group>/<version>`, or `/api/v1` for the
 * core group; one request per group version) which of {@link MLOPS_RESOURCE_KINDS} it serves. A group version the cluster
 * does not serve (404) makes its kinds `served: false` with a reason such as
 * `tekton.dev/v1 pipelineruns is not served by cluster dev (Tekton is not installed)`.
 * Throws the client's error when the cluster cannot be asked (unreachable, credentials
 * refused).
 *
 * @internal
 */
export async function discoverServedKinds(
  client: MlopsClusterClient,
): Promise<Map<MlopsResourceKindId, KindAvailability>> {
  const byGroupVersion = new Map<string, MlopsResourceKindId[]>();
  for (const [id, kind] of Object.entries(MLOPS_RESOURCE_KINDS)) {
    // The core group (Namespaces) is `v1`, served at /api/v1.
    const gv = kind.group ? `${kind.group}/${kind.version}` : kind.version;
    byGroupVersion.set(gv, [
      ...(byGroupVersion.get(gv) ?? []),
      id as MlopsResourceKindId,
    ]);
  }
  const result = new Map<MlopsResourceKindId, KindAvailability>();
  await Promise.all(
    [...byGroupVersion].map(async ([gv, ids]) => {
      let served: Set<string>;
      try {
        const res = await client.request({
          method: 'GET',
          path: gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`,
        });
        const parsed = apiResourceList.safeParse(res.body);
        served = new Set(
          parsed.success ? (parsed.data.resources ?? []).map(r => r.name) : [],
        );
      } catch (error) {
        if (clusterApiStatusOf(error) !== 404) {
          throw error;
        }
        for (const id of ids) {
          const kind = MLOPS_RESOURCE_KINDS[id];
          result.set(id, {
            served: false,
            reason: `${gv} ${kind.plural} is not served by cluster ${
              client.cluster
            } (${
              MISSING[kind.group] ??
              `the ${kind.group || 'core'} API is not installed`
            })`,
          });
        }
        return;
      }
      for (const id of ids) {
        const kind = MLOPS_RESOURCE_KINDS[id];
        result.set(
          id,
          served.has(kind.plural)
            ? { served: true }
            : {
                served: false,
                reason: `${gv} ${kind.plural} is not served by cluster ${client.cluster} (its ${gv} API has no ${kind.plural})`,
              },
        );
      }
    }),
  );
  return result;
}
