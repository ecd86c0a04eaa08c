import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterConnection } from '../clusters/ClusterConnection';

/**
 * Builds the client-node `KubeConfig` that holds one cluster's TLS settings and
 * credentials; the transport asks it for the options of every request, so token files
 * are re-read as they rotate and exec plugins of a kubeconfig run as kubectl runs them.
 *
 * @internal
 */
export function kubeConfigFor(connection: ClusterConnection): KubeConfig {
  const { descriptor, tls, auth } = connection;
  const kc = new KubeConfig();
  if (auth.type === 'kubeconfig') {
    kc.loadFromFile(auth.path);
    if (auth.context) {
      kc.setCurrentContext(auth.context);
    }
    const context = kc.getContextObject(kc.getCurrentContext());
    const cluster = context ? kc.getCluster(context.cluster) : null;
    if (context && cluster && cluster.server !== descriptor.url) {
      // `url` in config overrides the kubeconfig's server.
      kc.loadFromOptions({
        clusters: kc
          .getClusters()
          .map(c =>
            c.name === cluster.name ? { ...c, server: descriptor.url } : c,
          ),
        users: kc.getUsers(),
        contexts: kc.getContexts(),
        currentContext: kc.getCurrentContext(),
      });
    }
    return kc;
  }
  const plainHttp = descriptor.url.startsWith('http:');
  const user: Record<string, unknown> = { name: 'backstage-mlops' };
  if (auth.type === 'token') {
    user.token = auth.token;
  } else if (auth.type === 'tokenFile') {
    // client-node's FileAuth re-reads the file every minute (rotated projected tokens).
    user.authProvider = { name: 'tokenFile', config: { tokenFile: auth.path } };
  } else if (auth.type === 'clientCertificate') {
    user.certData = auth.certData;
    user.keyData = auth.keyData;
    user.certFile = auth.certFile;
    user.keyFile = auth.keyFile;
  }
  kc.loadFromClusterAndUser(
    {
      name: descriptor.name,
      server: descriptor.url,
      caData: tls.caData,
      caFile: tls.caFile,
      // client-node refuses plain http unless TLS checks are off; there is no TLS then.
      skipTLSVerify: tls.skipTLSVerify || plainHttp,
    },
    user as { name: string },
  );
  return kc;
}
