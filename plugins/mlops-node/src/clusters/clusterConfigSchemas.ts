import { z } from 'zod';
import { allowedOwnersSchema } from './allowedOwnersSchema';
import { scaffolderIdentitySchema } from './scaffolderIdentitySchema';

const text = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty');

/** `true`/`false`, also as the strings an environment substitution yields. */
const flag = z.union(
  [z.boolean(), z.enum(['true', 'false']).transform(value => value === 'true')],
  { error: 'must be true or false' },
);

/**
 * Base64 of a PEM block (as kubeconfigs and the Kubernetes plugin take `caData`); a
 * raw PEM is accepted too and encoded. The value is never echoed in a message.
 */
const pemData = text.transform((value, ctx) => {
  if (value.startsWith('-----BEGIN')) {
    return Buffer.from(value, 'utf8').toString('base64');
  }
  const compact = value.replace(/\s+/g, '');
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(compact)
    ? Buffer.from(compact, 'base64').toString('utf8')
    : '';
  if (!decoded.includes('-----BEGIN')) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a PEM block or the base64 of one',
    });
    return z.NEVER;
  }
  return compact;
});

/**
 * One entry of `kubernetes.clusterLocatorMethods[].clusters` (type `config`), as the
 * Kubernetes plugin defines it. Only the keys backstage-mlops uses are checked; the
 * plugin's other keys (title, dashboardUrl, customResources, …) are left alone.
 *
 * @internal
 */
export const kubernetesPluginClusterSchema = z
  .object({
    name: text,
    url: text,
    authProvider: text.optional(),
    serviceAccountToken: text.optional(),
    caData: pemData.optional(),
    caFile: text.optional(),
    skipTLSVerify: flag.optional(),
  })
  .loose();

/**
 * One entry of `mlops.clusters`. Exactly the keys documented in config.d.ts.
 *
 * @internal
 */
export const mlopsClusterSchema = z
  .object({
    name: text,
    url: text.optional(),
    caData: pemData.optional(),
    caFile: text.optional(),
    skipTLSVerify: flag.optional(),
    serviceAccountToken: text.optional(),
    serviceAccountTokenFile: text.optional(),
    clientCertData: pemData.optional(),
    clientKeyData: pemData.optional(),
    clientCertFile: text.optional(),
    clientKeyFile: text.optional(),
    kubeconfig: z
      .object(
        { path: text, context: text.optional() },
        { error: 'must be an object' },
      )
      .strict()
      .optional(),
    scaffolder: scaffolderIdentitySchema.optional(),
    allowedOwners: allowedOwnersSchema.optional(),
  })
  .strict()
  .superRefine((cluster, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (cluster.caData && cluster.caFile) {
      problem('caFile', 'cannot be combined with caData; give one of them');
    }
    const pairs: Array<[keyof typeof cluster, keyof typeof cluster]> = [
      ['clientCertData', 'clientKeyData'],
      ['clientCertFile', 'clientKeyFile'],
    ];
    for (const [cert, key] of pairs) {
      if (cluster[cert] && !cluster[key]) {
        problem(key, `is required with ${cert}`);
      }
      if (cluster[key] && !cluster[cert]) {
        problem(cert, `is required with ${key}`);
      }
    }
    const methods = [
      cluster.serviceAccountToken && 'serviceAccountToken',
      cluster.serviceAccountTokenFile && 'serviceAccountTokenFile',
      (cluster.clientCertData || cluster.clientKeyData) &&
        'clientCertData/clientKeyData',
      (cluster.clientCertFile || cluster.clientKeyFile) &&
        'clientCertFile/clientKeyFile',
      cluster.kubeconfig && 'kubeconfig',
    ].filter((m): m is string => Boolean(m));
    if (methods.length > 1) {
      problem(
        'kubeconfig' in cluster && cluster.kubeconfig
          ? 'kubeconfig'
          : 'serviceAccountToken',
        `sets several ways to authenticate (${methods.join(', ')}); choose one`,
      );
    }
    if (cluster.kubeconfig) {
      for (const key of ['caData', 'caFile', 'skipTLSVerify'] as const) {
        if (cluster[key] !== undefined) {
          problem(
            key,
            'cannot be combined with kubeconfig (the kubeconfig has the TLS settings)',
          );
        }
      }
    } else if (!cluster.url) {
      problem('url', 'is required unless kubeconfig is set');
    }
  });

/**
 * A parsed `mlops.clusters` entry.
 *
 * @internal
 */
export type MlopsClusterConfig = z.infer<typeof mlopsClusterSchema>;

/**
 * A parsed Kubernetes-plugin cluster entry.
 *
 * @internal
 */
export type KubernetesPluginClusterConfig = z.infer<
  typeof kubernetesPluginClusterSchema
>;
