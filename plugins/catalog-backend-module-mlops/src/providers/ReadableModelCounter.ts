import type { AuthService } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MLOPS_DISCOVERY_LOCATION_PREFIX,
  MLOPS_ENTITY_TYPE_MODEL,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * Counts the discovered models of a cluster that the catalog returns (processed and
 * stitched), as a user reads them. Used to send a large discovery in two steps: the
 * models first, their notebooks once the models are readable.
 *
 * @internal
 */
export class ReadableModelCounter {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): ReadableModelCounter {
    return new ReadableModelCounter(options.catalog, options.auth);
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /** How many models discovered from the cluster the catalog returns now. */
  async count(cluster: string): Promise<number> {
    const { totalItems } = await this.catalog.queryEntities(
      {
        filter: {
          kind: 'component',
          'spec.type': MLOPS_ENTITY_TYPE_MODEL,
          [`metadata.annotations.${ANNOTATION_LOCATION}`]: `${MLOPS_DISCOVERY_LOCATION_PREFIX}${cluster}`,
        },
        fields: ['metadata.name'],
        limit: 1,
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return totalItems;
  }
}
