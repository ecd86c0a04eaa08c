import { z } from 'zod';

const text = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty');

/** An http(s) URL that carries no credential, query string or fragment. */
const querierUrl = text.superRefine((url, ctx) => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be an http(s) URL, e.g. https://thanos-querier-openshift-monitoring.apps.example.com',
    });
    return;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
  } else if (
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash
  ) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must not carry credentials, a query string or a fragment (put the token in token or tokenFile)',
    });
  }
});

/**
 * `mlops.clusters[].prometheus`: where the serving metrics of a cluster's model
 * servers are queried, a Prometheus or Thanos querier (its `/api/v1/query_range`),
 * with an optional bearer token (inline, or a file read again as it rotates).
 *
 * @internal
 */
export const prometheusSettingsSchema = z
  .object(
    {
      url: querierUrl,
      token: text.optional(),
      tokenFile: text.optional(),
    },
    { error: 'must be an object' },
  )
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.token && settings.tokenFile) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenFile'],
        message: 'cannot be combined with token; choose one',
      });
    }
  });

/**
 * A parsed `mlops.clusters[].prometheus` entry.
 *
 * @internal
 */
export type PrometheusSettingsConfig = z.infer<typeof prometheusSettingsSchema>;
