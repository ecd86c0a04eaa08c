import type {
  MlopsClusterSummary,
  MlopsModelCoordinates,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * Names the cluster that holds a model's objects for people: the annotated
 * cluster, or the only located one.
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
