import { InputError, NotFoundError } from '@backstage/errors';
import type {
  MlopsApiResource,
  MlopsClusterClient,
} from '@backstage-mlops/plugin-mlops-node';
import { z } from 'zod';

const resourceList = z.object({
  resources: z
    .array(
      z
        .object({ name: z.string(), kind: z.string(), namespaced: z.boolean() })
        .loose(),
    )
    .default([]),
});

/**
 * A served resource type: its API coordinates and whether it is namespaced.
 *
 * @public
 */
export interface ResolvedResource extends MlopsApiResource {
  namespaced: boolean;
}

/**
 * Maps `apiVersion` + `kind` to the resource the API server serves (discovery, one
 * request per group version, cached for the life of the resolver).
 *
 * @public
 */
export class ResourceResolver {
  private readonly lists = new Map<
    string,
    Promise<z.infer<typeof resourceList>>
  >();

  constructor(private readonly client: MlopsClusterClient) {}

  /** Throws `InputError` naming the API or kind the cluster does not serve. */
  async resolve(apiVersion: string, kind: string): Promise<ResolvedResource> {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/', 2)
      : ['', apiVersion];
    let list = this.lists.get(apiVersion);
    if (!list) {
      list = this.client
        .request({
          method: 'GET',
          path: group ? `/apis/${group}/${version}` : `/api/${version}`,
        })
        .then(response => resourceList.parse(response.body));
      this.lists.set(apiVersion, list);
    }
    let resources: z.infer<typeof resourceList>;
    try {
      resources = await list;
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new InputError(
          `apiVersion ${apiVersion} is not served by cluster ${this.client.cluster}`,
        );
      }
      throw error;
    }
    const match = resources.resources.find(
      r => r.kind === kind && !r.name.includes('/'),
    );
    if (!match) {
      throw new InputError(
        `kind ${kind} is not served in ${apiVersion} by cluster ${this.client.cluster}`,
      );
    }
    return { group, version, plural: match.name, namespaced: match.namespaced };
  }
}
