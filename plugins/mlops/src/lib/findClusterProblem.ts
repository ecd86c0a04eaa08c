import type {
  MlopsClusterSummary,
  MlopsModelCoordinates,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * Why the backend cannot tell which cluster holds a model's objects.
 *
 * @internal
 */
export type MlopsClusterProblem =
  /** The backend has no cluster configured at all. */
  | { type: 'no-clusters' }
  /** The entity names a cluster the backend does not know. */
  | { type: 'unknown-cluster'; cluster: string; configured: string[] }
  /** The entity names no cluster, and more than one is configured. */
  | { type: 'ambiguous-cluster'; configured: string[] };

/**
 * Checks a model's cluster against the clusters the backend is configured to
 * reach (from `GET /api/mlops/health`).
 *
 * @returns the problem, or `undefined` when the model's cluster is known.
 * @internal
 */
export function findClusterProblem(
  coordinates: Pick<MlopsModelCoordinates, 'cluster'>,
  clusters: MlopsClusterSummary[],
): MlopsClusterProblem | undefined {
  const configured = clusters.map(c => c.name);
  if (configured.length === 0) {
    return { type: 'no-clusters' };
  }
  if (coordinates.cluster === undefined) {
    return configured.length > 1
      ? { type: 'ambiguous-cluster', configured }
      : undefined;
  }
  if (!configured.includes(coordinates.cluster)) {
    return {
      type: 'unknown-cluster',
      cluster: coordinates.cluster,
      configured,
    };
  }
  return undefined;
}

/**
 * Names the cluster that holds a model's objects for people: the annotated
 * cluster, or the only configured one.
 *
 * @internal
 */
export function describeModelCluster(
  coordinates: Pick<MlopsModelCoordinates, 'cluster'>,
  clusters: MlopsClusterSummary[],
): string {
  if (coordinates.cluster !== undefined) {
    return coordinates.cluster;
  }
  return clusters.length === 1
    ? `the configured cluster (${clusters[0].name})`
    : 'the configured cluster';
}
