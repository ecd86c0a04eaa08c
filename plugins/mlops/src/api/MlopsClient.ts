import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { MlopsBackendStatusResponse } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsApi } from './MlopsApi';

/**
 * Options of {@link MlopsClient}.
 *
 * @public
 */
export interface MlopsClientOptions {
  /** Resolves the backend plugin's base URL (`getBaseUrl('mlops')`). */
  discoveryApi: DiscoveryApi;
  /** Sends the requests with the signed-in user's credentials. */
  fetchApi: FetchApi;
}

/**
 * The default {@link MlopsApi}: calls the mlops backend plugin through the
 * app's `fetchApi`, so requests carry the user's Backstage token.
 *
 * @public
 */
export class MlopsClient implements MlopsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: MlopsClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<MlopsBackendStatusResponse> {
    return this.#get<MlopsBackendStatusResponse>('/health');
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('mlops');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
