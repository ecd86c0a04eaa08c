import { NotFoundError } from '@backstage/errors';
import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';
import { z } from 'zod';
import type { RequiredApi } from './modelProjectRequirements';

const resourceList = z.object({
  resources: z.array(z.object({ name: z.string() }).loose()).default([]),
});

/**
 * Asks the API server's discovery (`GET /apis/<group>/<version>`) whether each API is
 * served with the resources the project uses; returns one problem per missing API.
 * Other failures (cluster unreachable, 401) are thrown.
 *
 * @public
 */
export async function checkServedApis(
  client: MlopsClusterClient,
  apis: RequiredApi[],
): Promise<string[]> {
  const results = await Promise.all(
    apis.map(async api => {
      try {
        const response = await client.request({
          method: 'GET',
          path: `/apis/${api.groupVersion}`,
        });
        const served = new Set(
          resourceList.parse(response.body).resources.map(r => r.name),
        );
        const missing = api.resources.filter(r => !served.has(r));
        return missing.length === 0
          ? undefined
          : `${api.groupVersion} does not serve ${missing.join(
              ', ',
            )} (install or upgrade ${api.providedBy})`;
      } catch (error) {
        if (error instanceof NotFoundError) {
          return `${api.groupVersion} is not served (install ${api.providedBy})`;
        }
        throw error;
      }
    }),
  );
  return results.filter((p): p is string => p !== undefined);
}
