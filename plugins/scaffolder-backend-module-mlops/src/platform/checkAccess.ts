import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';
import { z } from 'zod';
import type { RequiredAccess } from './modelProjectRequirements';

const SELF_SUBJECT_ACCESS_REVIEWS = {
  group: 'authorization.k8s.io',
  version: 'v1',
  plural: 'selfsubjectaccessreviews',
};

const reviewAnswer = z.object({
  status: z
    .object({ allowed: z.boolean().default(false) })
    .loose()
    .default({ allowed: false }),
});

/**
 * One SelfSubjectAccessReview per resource and verb, as the client's identity, in the
 * namespace (or for a named cluster-scoped object with `clusterScopedName`). Returns
 * one problem per resource with the verbs that are denied.
 *
 * @public
 */
export async function checkAccess(
  client: MlopsClusterClient,
  namespace: string,
  access: RequiredAccess[],
  extra: Array<{
    group: string;
    resource: string;
    verb: string;
    name: string;
  }> = [],
): Promise<string[]> {
  const review = async (attributes: Record<string, string>) => {
    const answer = await client.createObject({
      resource: SELF_SUBJECT_ACCESS_REVIEWS,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: attributes },
      },
    });
    return reviewAnswer.parse(answer).status.allowed;
  };
  const problems = await Promise.all([
    ...access.map(async ({ group, resource, verbs }) => {
      const [plural, subresource] = resource.split('/');
      const denied: string[] = [];
      await Promise.all(
        verbs.map(async verb => {
          const allowed = await review({
            namespace,
            verb,
            group,
            resource: plural,
            ...(subresource ? { subresource } : {}),
          });
          if (!allowed) denied.push(verb);
        }),
      );
      return denied.length === 0
        ? undefined
        : `may not ${verbs
            .filter(v => denied.includes(v))
            .join(', ')} ${resource}${
            group ? `.${group}` : ''
          } in namespace ${namespace}`;
    }),
    ...extra.map(async ({ group, resource, verb, name }) =>
      (await review({ verb, group, resource, name }))
        ? undefined
        : `may not ${verb} ${resource}.${group} "${name}"`,
    ),
  ]);
  return problems.filter((p): p is string => p !== undefined);
}
