import { clusterNameSchema } from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';
import { allowedOwnersSchema } from './allowedOwnersSchema';
import { prometheusSettingsSchema } from './prometheusSettingsSchema';
import { scaffolderIdentitySchema } from './scaffolderIdentitySchema';

/**
 * The keys an `mlops.clusters` entry had before clusters were taken from the
 * Kubernetes plugin: each is refused with a message saying where it went.
 */
const MOVED_CONNECTION_KEYS = [
  'url',
  'caData',
  'caFile',
  'skipTLSVerify',
  'serviceAccountToken',
  'serviceAccountTokenFile',
  'clientCertData',
  'clientKeyData',
  'clientCertFile',
  'clientKeyFile',
  'kubeconfig',
] as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDERS = new Set(['namespace', 'name']);

/** `mlops.clusters[].workbenchUrlTemplate`: an http(s) URL with `{namespace}` and `{name}`. */
const workbenchUrlTemplateSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .superRefine((template, ctx) => {
    for (const [, placeholder] of template.matchAll(PLACEHOLDER)) {
      if (!PLACEHOLDERS.has(placeholder)) {
        ctx.addIssue({
          code: 'custom',
          message: `has an unknown placeholder {${placeholder}}; use {namespace} and {name}`,
        });
      }
    }
    if (!/^https?:\/\/./.test(template)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be an http(s) URL, e.g. https://rhods-dashboard-redhat-ods-applications.apps.example.com/projects/{namespace}?section=workbenches',
      });
    }
  });

/**
 * One entry of `mlops.clusters`: what backstage-mlops needs of a cluster that the
 * Kubernetes plugin's cluster config cannot say. The cluster itself (URL, TLS, auth
 * provider) is configured once, under `kubernetes.clusterLocatorMethods`; an entry is
 * matched to it by `name`.
 *
 * @internal
 */
export const clusterSettingsSchema = z
  .object(
    {
      name: clusterNameSchema,
      scaffolder: scaffolderIdentitySchema.optional(),
      workbenchUrlTemplate: workbenchUrlTemplateSchema.optional(),
      allowedOwners: allowedOwnersSchema.optional(),
      prometheus: prometheusSettingsSchema.optional(),
    },
    { error: 'must be an object' },
  )
  .strict();

/**
 * A parsed `mlops.clusters` entry.
 *
 * @internal
 */
export type ClusterSettingsConfig = z.infer<typeof clusterSettingsSchema>;

/**
 * Why a key of an `mlops.clusters` entry is refused when it is one of the connection
 * keys that moved to the Kubernetes plugin's config; undefined for other keys.
 *
 * @internal
 */
export function movedKeyMessage(key: string): string | undefined {
  return (MOVED_CONNECTION_KEYS as readonly string[]).includes(key)
    ? `is no longer read: the cluster's URL, TLS settings and credentials are configured once, for the Kubernetes plugin, under kubernetes.clusterLocatorMethods (e.g. type: config with authProvider: serviceAccount and serviceAccountToken); mlops.clusters keeps only scaffolder, workbenchUrlTemplate, allowedOwners and prometheus`
    : undefined;
}
