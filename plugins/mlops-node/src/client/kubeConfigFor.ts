import { existsSync } from 'node:fs';
import type {
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  SERVICEACCOUNT_CA_PATH,
} from '@backstage/plugin-kubernetes-common';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * Builds the client-node `KubeConfig` of one cluster as the Kubernetes plugin
 * describes it (URL, CA, `skipTLSVerify`) with one credential its auth strategy gave:
 * a bearer token, an x509 client certificate (PEM, as the plugin's strategies give it)
 * or none. A `serviceAccount` cluster without a token of its own runs in a pod: as the
 * Kubernetes plugin does, it trusts the pod's ServiceAccount CA when no CA is
 * configured.
 *
 * @internal
 */
export function kubeConfigFor(
  details: ClusterDetails,
  credential: KubernetesCredential,
): KubeConfig {
  const plainHttp = details.url.startsWith('http:');
  let caFile = details.caFile;
  if (
    !details.caData &&
    !caFile &&
    details.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ===
      'serviceAccount' &&
    !details.authMetadata.serviceAccountToken &&
    existsSync(SERVICEACCOUNT_CA_PATH)
  ) {
    caFile = SERVICEACCOUNT_CA_PATH;
  }
  const user: {
    name: string;
    token?: string;
    certData?: string;
    keyData?: string;
  } = { name: 'backstage-mlops' };
  if (credential.type === 'bearer token') {
    user.token = credential.token;
  } else if (credential.type === 'x509 client certificate') {
    // client-node takes base64 of the PEM.
    user.certData = Buffer.from(credential.cert, 'utf8').toString('base64');
    user.keyData = Buffer.from(credential.key, 'utf8').toString('base64');
  }
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    {
      name: details.name,
      server: details.url.replace(/\/+$/, ''),
      caData: details.caData,
      caFile,
      // client-node refuses plain http unless TLS checks are off; there is no TLS then.
      skipTLSVerify: details.skipTLSVerify === true || plainHttp,
    },
    user,
  );
  return kc;
}
