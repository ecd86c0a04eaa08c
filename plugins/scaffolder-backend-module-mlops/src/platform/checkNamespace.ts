import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';

const NAMESPACES = { group: '', version: 'v1', plural: 'namespaces' };

/**
 * Whether the namespace exists; returns the problem, if any. Other failures are thrown.
 *
 * @public
 */
export async function checkNamespace(
  client: MlopsClusterClient,
  namespace: string,
): Promise<string[]> {
  try {
    await client.getObject({ resource: NAMESPACES, name: namespace });
    return [];
  } catch (error) {
    if (error instanceof NotFoundError) {
      return [
        `namespace "${namespace}" does not exist on cluster ${client.cluster} (ask a cluster admin to create it, or choose an existing one)`,
      ];
    }
    if (error instanceof NotAllowedError) {
      return [
        `the scaffolder identity may not read namespace "${namespace}" (grant it get on namespaces)`,
      ];
    }
    throw error;
  }
}
