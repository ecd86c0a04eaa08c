import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { MlopsClusterDescriptor } from './types';

function readCluster(
  config: Config,
  path: string,
  source: MlopsClusterDescriptor['source'],
): MlopsClusterDescriptor {
  const name = config.getString('name');
  const url = config.getString('url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `${path}.url is not a valid URL: ${JSON.stringify(url)}`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError(
      `${path}.url must be an http(s) URL, got ${parsed.protocol}`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new InputError(
      `${path}.url must not carry credentials; configure a token or certificate instead`,
    );
  }
  return { name, url, source };
}

/**
 * Reads the configured clusters: first those of the Kubernetes plugin
 * (`kubernetes.clusterLocatorMethods` entries of type `config`), so a cluster is
 * configured once, then `mlops.clusters`, whose entries add clusters or replace a
 * Kubernetes-plugin cluster of the same name.
 *
 * @public
 */
export function readClusterDescriptors(
  config: Config,
): MlopsClusterDescriptor[] {
  const byName = new Map<string, MlopsClusterDescriptor>();
  const locators =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  locators.forEach((locator, i) => {
    if (locator.getString('type') !== 'config') {
      return;
    }
    const clusters = locator.getOptionalConfigArray('clusters') ?? [];
    clusters.forEach((cluster, j) => {
      const descriptor = readCluster(
        cluster,
        `kubernetes.clusterLocatorMethods[${i}].clusters[${j}]`,
        'kubernetes',
      );
      byName.set(descriptor.name, descriptor);
    });
  });

  const seen = new Set<string>();
  (config.getOptionalConfigArray('mlops.clusters') ?? []).forEach(
    (cluster, i) => {
      const descriptor = readCluster(cluster, `mlops.clusters[${i}]`, 'mlops');
      if (seen.has(descriptor.name)) {
        throw new InputError(
          `mlops.clusters[${i}].name ${JSON.stringify(
            descriptor.name,
          )} is used by an earlier entry`,
        );
      }
      seen.add(descriptor.name);
      byName.set(descriptor.name, descriptor);
    },
  );
  return [...byName.values()];
}
