import { errorDetailOf } from './errorDetail';

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

function isClusterProblem(value: unknown): value is MlopsClusterProblem {
  return (
    !!value &&
    typeof value === 'object' &&
    TYPES.has(String((value as { type?: unknown }).type))
  );
}

/**
 * The {@link MlopsClusterProblem} an error carries (a backend error, its cause, or a
 * deserialized error body), or undefined.
 *
 * @public
 */
export function clusterProblemOf(
  error: unknown,
): MlopsClusterProblem | undefined {
  return errorDetailOf(error, MLOPS_CLUSTER_PROBLEM_PROPERTY, isClusterProblem);
}

/**
 * The cluster that holds an entity's objects among the located clusters: the one its
 * `mlops.backstage.io/cluster` annotation names (`name`), or the only one when it names
 * none; otherwise why there is none. The one rule: mlops-node's cluster registry
 * resolves with it, and the frontend's tabs check the backend's cluster list with it.
 *
 * @public
 */
export function chooseCluster<T extends { name: string }>(
  name: string | undefined,
  clusters: readonly T[],
): { cluster: T; problem?: undefined } | { problem: MlopsClusterProblem } {
  const configured = clusters.map(c => c.name);
  if (clusters.length === 0) {
    return { problem: { type: 'no-clusters' } };
  }
  if (name === undefined) {
    return clusters.length === 1
      ? { cluster: clusters[0] }
      : { problem: { type: 'ambiguous-cluster', configured } };
  }
  const found = clusters.find(c => c.name === name);
  return found
    ? { cluster: found }
    : { problem: { type: 'unknown-cluster', cluster: name, configured } };
}

/**
 * Why the backend cannot read or act on an entity's cluster, judged from the located
 * clusters (as `GET /api/mlops/clusters` lists them): {@link chooseCluster}'s problem, or
 * `unusable-cluster` when the chosen cluster's auth provider gives the backend no
 * credential. Undefined when the cluster can be used.
 *
 * @public
 */
export function findClusterProblem(
  name: string | undefined,
  clusters: readonly { name: string; unusable?: string }[],
): MlopsClusterProblem | undefined {
  const choice = chooseCluster(name, clusters);
  if (choice.problem) return choice.problem;
  const { cluster } = choice;
  return cluster.unusable
    ? {
        type: 'unusable-cluster',
        cluster: cluster.name,
        reason: cluster.unusable,
      }
    : undefined;
}
