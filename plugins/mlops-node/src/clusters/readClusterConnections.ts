import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import type { z } from 'zod';
import type { ClusterAuth, ClusterConnection } from './ClusterConnection';
import {
  kubernetesPluginClusterSchema,
  mlopsClusterSchema,
  type KubernetesPluginClusterConfig,
  type MlopsClusterConfig,
} from './clusterConfigSchemas';
import { configInputError } from './formatConfigIssues';

/** Where a pod's projected ServiceAccount token is mounted. */
export const IN_CLUSTER_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

function checkUrl(url: string, key: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // A URL that does not parse cannot carry a recognisable credential; still, only
    // echo it when it has no '@' (user:password@) and no query.
    const shown = /[@?#]/.test(url) ? '(not shown)' : JSON.stringify(url);
    throw new InputError(`${key} is not a valid URL: ${shown}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError(
      `${key} must be an http(s) URL, got ${parsed.protocol}`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new InputError(
      `${key} must not carry credentials; configure a token or certificate instead`,
    );
  }
  if (parsed.search || parsed.hash) {
    throw new InputError(
      `${key} must not have a query string or fragment (credentials never go in a URL); configure a token or certificate instead`,
    );
  }
  return url.replace(/\/+$/, '');
}

function parseEntry<T>(schema: z.ZodType<T>, data: unknown, key: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw configInputError(key, data, result.error);
  }
  return result.data;
}

function fromKubernetesPlugin(
  entry: KubernetesPluginClusterConfig,
  key: string,
): ClusterConnection {
  const provider = entry.authProvider ?? 'serviceAccount';
  let auth: ClusterAuth;
  if (provider !== 'serviceAccount') {
    auth = {
      type: 'unsupported',
      reason: `${key}.authProvider "${provider}" is not supported by backstage-mlops (it needs a backend identity); add an mlops.clusters entry named "${entry.name}" with a serviceAccountToken or client certificate`,
    };
  } else if (entry.serviceAccountToken) {
    auth = { type: 'token', token: entry.serviceAccountToken };
  } else {
    // As the Kubernetes plugin does: the pod's own ServiceAccount.
    auth = { type: 'tokenFile', path: IN_CLUSTER_TOKEN_FILE };
  }
  return {
    descriptor: {
      name: entry.name,
      url: checkUrl(entry.url, `${key}.url`),
      source: 'kubernetes',
    },
    configKey: key,
    tls: {
      caData: entry.caData,
      caFile: entry.caFile,
      skipTLSVerify: entry.skipTLSVerify === true,
    },
    auth,
  };
}

function kubeconfigServer(
  path: string,
  context: string | undefined,
  key: string,
): string {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    throw new InputError(
      `${key}.kubeconfig.path: cannot read the kubeconfig ${JSON.stringify(
        path,
      )}${code ? ` (${code})` : ' (not a valid kubeconfig)'}`,
    );
  }
  const contextName = context ?? kc.getCurrentContext();
  const contextObject = contextName ? kc.getContextObject(contextName) : null;
  if (!contextObject) {
    throw new InputError(
      `${key}.kubeconfig.context ${JSON.stringify(
        contextName ?? '',
      )} is not in ${JSON.stringify(path)}; its contexts: ${
        kc
          .getContexts()
          .map(c => c.name)
          .join(', ') || 'none'
      }`,
    );
  }
  const cluster = kc.getCluster(contextObject.cluster);
  if (!cluster?.server) {
    throw new InputError(
      `${key}.kubeconfig: context ${JSON.stringify(
        contextObject.name,
      )} names no cluster with a server URL`,
    );
  }
  return cluster.server;
}

function fromMlops(entry: MlopsClusterConfig, key: string): ClusterConnection {
  let auth: ClusterAuth = { type: 'anonymous' };
  let url = entry.url;
  if (entry.kubeconfig) {
    auth = {
      type: 'kubeconfig',
      path: entry.kubeconfig.path,
      context: entry.kubeconfig.context,
    };
    url ??= kubeconfigServer(
      entry.kubeconfig.path,
      entry.kubeconfig.context,
      key,
    );
  } else if (entry.serviceAccountToken) {
    auth = { type: 'token', token: entry.serviceAccountToken };
  } else if (entry.serviceAccountTokenFile) {
    auth = { type: 'tokenFile', path: entry.serviceAccountTokenFile };
  } else if (entry.clientCertData || entry.clientCertFile) {
    auth = {
      type: 'clientCertificate',
      certData: entry.clientCertData,
      keyData: entry.clientKeyData,
      certFile: entry.clientCertFile,
      keyFile: entry.clientKeyFile,
    };
  }
  return {
    descriptor: {
      name: entry.name,
      url: checkUrl(url!, `${key}.url`),
      source: 'mlops',
    },
    configKey: key,
    tls: {
      caData: entry.caData,
      caFile: entry.caFile,
      skipTLSVerify: entry.skipTLSVerify === true,
    },
    auth,
    allowedOwners: entry.allowedOwners,
  };
}

/**
 * Reads every configured cluster with its credentials: first those of the Kubernetes
 * plugin (`kubernetes.clusterLocatorMethods` entries of type `config`), then
 * `mlops.clusters`, whose entries add clusters or replace a Kubernetes-plugin cluster
 * of the same name. Throws `InputError` naming the config key of a bad entry.
 *
 * @internal
 */
export function readClusterConnections(config: Config): ClusterConnection[] {
  const byName = new Map<string, ClusterConnection>();
  const locators =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  locators.forEach((locator, i) => {
    if (locator.getOptionalString('type') !== 'config') {
      return;
    }
    const clusters = locator.getOptionalConfigArray('clusters') ?? [];
    clusters.forEach((cluster, j) => {
      const key = `kubernetes.clusterLocatorMethods[${i}].clusters[${j}]`;
      const connection = fromKubernetesPlugin(
        parseEntry(kubernetesPluginClusterSchema, cluster.get(), key),
        key,
      );
      byName.set(connection.descriptor.name, connection);
    });
  });

  const seen = new Set<string>();
  (config.getOptionalConfigArray('mlops.clusters') ?? []).forEach(
    (cluster, i) => {
      const key = `mlops.clusters[${i}]`;
      const connection = fromMlops(
        parseEntry(mlopsClusterSchema, cluster.get(), key),
        key,
      );
      const name = connection.descriptor.name;
      if (seen.has(name)) {
        throw new InputError(
          `${key}.name ${JSON.stringify(name)} is used by an earlier entry`,
        );
      }
      seen.add(name);
      // Replacing a Kubernetes-plugin entry keeps its position in the list.
      byName.set(name, connection);
    },
  );
  return [...byName.values()];
}
