import { InputError } from '@backstage/errors';
import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';
import { checkServedApis } from '../platform/checkServedApis';
import type { RequiredApi } from '../platform/modelProjectRequirements';

/**
 * Fails with an `InputError` naming the cluster, the API and what provides it when the
 * cluster does not serve an API an action needs (discovery, one request).
 *
 * @internal
 */
export async function requireServedApi(
  client: MlopsClusterClient,
  api: RequiredApi,
  action: string,
): Promise<void> {
  const problems = await checkServedApis(client, [api]);
  if (problems.length > 0) {
    throw new InputError(
      `${action}: cluster ${client.cluster} cannot do this: ${problems.join(
        '; ',
      )}`,
    );
  }
}
