import type { Config } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { readClusterDescriptors } from './readClusterDescriptors';
import type { MlopsClusterDescriptor, MlopsClusterRegistry } from './types';

/**
 * The {@link MlopsClusterRegistry} that reads clusters from config.
 *
 * @public
 */
export class DefaultMlopsClusterRegistry implements MlopsClusterRegistry {
  static fromConfig(config: Config): DefaultMlopsClusterRegistry {
    return new DefaultMlopsClusterRegistry(readClusterDescriptors(config));
  }

  private constructor(private readonly clusters: MlopsClusterDescriptor[]) {}

  listClusters(): MlopsClusterDescriptor[] {
    return [...this.clusters];
  }

  resolveCluster(name?: string): MlopsClusterDescriptor {
    if (name !== undefined) {
      const cluster = this.clusters.find(c => c.name === name);
      if (!cluster) {
        throw new NotFoundError(
          `cluster ${JSON.stringify(
            name,
          )} is not configured; configured clusters: ${
            this.clusters.map(c => c.name).join(', ') || 'none'
          }`,
        );
      }
      return cluster;
    }
    if (this.clusters.length === 1) {
      return this.clusters[0];
    }
    if (this.clusters.length === 0) {
      // The portal's configuration is missing, not anything of the entity's.
      throw new ServiceUnavailableError(
        'no cluster is configured for backstage-mlops: add one under kubernetes.clusterLocatorMethods (or mlops.clusters) in app-config.yaml',
      );
    }
    throw new InputError(
      `several clusters are configured (${this.clusters
        .map(c => c.name)
        .join(
          ', ',
        )}); set the mlops.backstage.io/cluster annotation to choose one`,
    );
  }
}
