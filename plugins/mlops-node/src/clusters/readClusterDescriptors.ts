import type { Config } from '@backstage/config';
import { readClusterConnections } from './readClusterConnections';
import type { MlopsClusterDescriptor } from './types';

/**
 * Reads the configured clusters: first those of the Kubernetes plugin
 * (`kubernetes.clusterLocatorMethods` entries of type `config`), so a cluster is
 * configured once, then `mlops.clusters`, whose entries add clusters or replace a
 * Kubernetes-plugin cluster of the same name. The descriptors carry no credential.
 * Throws `InputError` naming the config key of a bad entry.
 *
 * @public
 */
export function readClusterDescriptors(
  config: Config,
): MlopsClusterDescriptor[] {
  return readClusterConnections(config).map(({ descriptor }) => ({
    ...descriptor,
  }));
}
