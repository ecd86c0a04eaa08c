/**
 * Why the backend cannot tell (or reach) the cluster that holds an entity's objects,
 * as mlops-node's cluster registry decides it: the one answer the backend's routes
 * and the frontend's tabs share.
 *
 * - `no-clusters`: the Kubernetes plugin locates no cluster at all (the portal's
 *   configuration);
 * - `unknown-cluster`: the entity's `mlops.backstage.io/cluster` annotation names a
 *   cluster that is not located;
 * - `ambiguous-cluster`: the entity names no cluster and several are located;
 * - `unusable-cluster`: the cluster's auth provider gives the backend no credential
 *   (it authenticates users in the browser);
 * - `clusters-unavailable`: the Kubernetes plugin's clusters cannot be read (its
 *   backend is not installed, or a locator failed).
 *
 * @public
 */
export type MlopsClusterProblem =
  | { type: 'no-clusters' }
  | { type: 'unknown-cluster'; cluster: string; configured: string[] }
  | { type: 'ambiguous-cluster'; configured: string[] }
  | { type: 'unusable-cluster'; cluster: string; reason: string }
  | { type: 'clusters-unavailable'; reason: string };

/**
 * The property of a backend error (serialized into the error body) that carries its
 * {@link MlopsClusterProblem}.
 *
 * @public
 */
export const MLOPS_CLUSTER_PROBLEM_PROPERTY = 'mlopsClusterProblem';

const TYPES = new Set([
  'no-clusters',
  'unknown-cluster',
  'ambiguous-cluster',
  'unusable-cluster',
  'clusters-unavailable',
]);

/**
 * The {@link MlopsClusterProblem} an error carries (a backend error, its cause, or a
 * deserialized error body), or undefined.
 *
 * @public
 */
export function clusterProblemOf(
  error: unknown,
): MlopsClusterProblem | undefined {
  for (
    let current = error, depth = 0;
    current && typeof current === 'object' && depth < 3;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const problem = (current as Record<string, unknown>)[
      MLOPS_CLUSTER_PROBLEM_PROPERTY
    ];
    if (
      problem &&
      typeof problem === 'object' &&
      TYPES.has(String((problem as { type?: unknown }).type))
    ) {
      return problem as MlopsClusterProblem;
    }
  }
  return undefined;
}
