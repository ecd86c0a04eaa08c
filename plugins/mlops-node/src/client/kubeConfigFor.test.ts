import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { RequestContext } from '@kubernetes/client-node';
import { CredentialsUnavailable, kubeConfigFor } from './kubeConfigFor';

const details = (extra: object) => ({
  name: 'dev',
  url: 'https://127.0.0.1:6443',
  authMetadata: { [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'serviceAccount' },
  ...extra,
});

async function applied(kc: ReturnType<typeof kubeConfigFor>) {
  const context = new RequestContext('https://127.0.0.1:6443/api', 'GET');
  await kc.applySecurityAuthentication(context);
  return context;
}

describe('kubeConfigFor', () => {
  it('gives every request of one KubeConfig the same connection pool, with its token', async () => {
    const kc = kubeConfigFor(details({ skipTLSVerify: true }), {
      type: 'bearer token',
      token: 'token-123456',
    });
    const [a, b] = [await applied(kc), await applied(kc)];
    expect(a.getDispatcher()).toBeDefined();
    expect(b.getDispatcher()).toBe(a.getDispatcher());
    expect(b.getHeaders().Authorization).toBe('Bearer token-123456');
    // Another KubeConfig (a rotated credential): another pool.
    const other = kubeConfigFor(details({ skipTLSVerify: true }), {
      type: 'bearer token',
      token: 'token-654321',
    });
    expect((await applied(other)).getDispatcher()).not.toBe(a.getDispatcher());
  });

  it('says when the TLS settings cannot be loaded', async () => {
    const kc = kubeConfigFor(details({ caFile: '/nonexistent/ca.crt' }), {
      type: 'anonymous',
    });
    await expect(applied(kc)).rejects.toThrow(CredentialsUnavailable);
    await expect(applied(kc)).rejects.toThrow(/ENOENT/);
  });
});
