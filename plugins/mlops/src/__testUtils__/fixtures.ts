import type { Entity } from '@backstage/catalog-model';
import type {
  MlopsClustersResponse,
  MlopsClusterSummary,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * Builds catalog entities for tests: an `ml-model` by default.
 *
 * @internal
 */
export function entity(options: {
  name?: string;
  kind?: string;
  type?: string;
  title?: string;
  annotations?: Record<string, string>;
  spec?: Record<string, string>;
  relations?: Entity['relations'];
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: options.kind ?? 'Component',
    metadata: {
      name: options.name ?? 'anomaly-detector',
      namespace: 'default',
      ...(options.title ? { title: options.title } : {}),
      annotations: options.annotations ?? {},
    },
    spec: {
      type: options.type ?? 'ml-model',
      owner: 'ml-platform-team',
      lifecycle: 'production',
      ...options.spec,
    },
    relations: options.relations,
  };
}

/**
 * An `ml-model` entity whose annotations place it in namespace `mlops-demo`,
 * plus the given annotations.
 *
 * @internal
 */
export function modelEntity(
  options: { name?: string; annotations?: Record<string, string> } = {},
): Entity {
  return entity({
    name: options.name,
    annotations: {
      'mlops.backstage.io/namespace': 'mlops-demo',
      ...options.annotations,
    },
  });
}

/**
 * The answer of `GET /api/mlops/clusters` of a backend configured with the named
 * clusters.
 *
 * @internal
 */
export function clustersWith(...names: string[]): MlopsClustersResponse {
  return {
    status: 'ok',
    clusters: names.map(
      (name): MlopsClusterSummary => ({ name, authProvider: 'serviceAccount' }),
    ),
    cache: [],
  };
}
