import {
  type CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MLOPS_IDEMPOTENCY_KEY_HEADER,
  MLOPS_SUMMARY_MAX_ENTITY_REFS,
  type MlopsMutationResponse,
  type MlopsClustersResponse,
  type MlopsModelHealthResponse,
  type MlopsModelLineageResponse,
  type MlopsServingDayResponse,
  type MlopsServingMetricsResponse,
  type MlopsServingMetricsWindow,
  type MlopsServingDiagnosisResponse,
  type MlopsSummaryResponse,
  type MlopsTrainingPipelineParamsResponse,
  type MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsMutationRequest,
  MlopsApi,
  MlopsEntityRef,
  MlopsLogRequest,
  MlopsLogResult,
  MlopsLogTarget,
  MlopsSummaryResult,
  MlopsTrainingRequest,
} from './MlopsApi';
import { readLogBody } from './readLogBody';

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

function toCompoundRef(ref: MlopsEntityRef): CompoundEntityRef {
  return typeof ref === 'string' ? parseEntityRef(ref) : ref;
}

function entityPath(ref: MlopsEntityRef): string {
  const { kind, namespace, name } = toCompoundRef(ref);
  return `/entity/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function mutationPath(request: MlopsMutationRequest): string {
  switch (request.action) {
    case 'rerun-training':
      return `runs/${encodeURIComponent(request.run)}/rerun`;
    case 'cancel-training':
      return `runs/${encodeURIComponent(request.run)}/cancel`;
    case 'start-workbench':
      return 'workbench/start';
    case 'stop-workbench':
      return 'workbench/stop';
    default:
      return request.action;
  }
}

function logPath(target: MlopsLogTarget): string {
  if (target.type === 'build') {
    return `builds/${encodeURIComponent(target.build)}/log`;
  }
  if (target.type === 'serving-pod') {
    return `serving-pods/${encodeURIComponent(
      target.pod,
    )}/containers/${encodeURIComponent(target.container)}/log`;
  }
  return `taskruns/${encodeURIComponent(
    target.taskRun,
  )}/steps/${encodeURIComponent(target.step)}/log`;
}

function logQuery(request: MlopsLogRequest): string {
  const params = new URLSearchParams();
  if (request.follow) params.set('follow', 'true');
  if (request.tailLines !== undefined) {
    params.set('tailLines', String(request.tailLines));
  }
  if (request.limitBytes !== undefined) {
    params.set('limitBytes', String(request.limitBytes));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function newIdempotencyKey(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

function arrayOr<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/**
 * The default {@link MlopsApi}: calls the mlops backend plugin through the
 * app's `fetchApi`, so requests carry the user's Backstage token.
 *
 * @remarks
 * Identical reads that are in flight at the same time share one request (several
 * cards of one entity page ask for the same data), and a summary of more than
 * 500 models is split into requests of 500.
 *
 * @public
 */
export class MlopsClient implements MlopsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(options: MlopsClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getClusters(): Promise<MlopsClustersResponse> {
    return this.#get<MlopsClustersResponse>('/clusters');
  }

  async getTraining(
    entityRef: MlopsEntityRef,
    request: MlopsTrainingRequest = {},
  ): Promise<MlopsTrainingResponse> {
    const params = new URLSearchParams();
    if (request.status && request.status.length > 0) {
      params.set('status', request.status.join(','));
    }
    if (request.limit !== undefined) {
      params.set('limit', String(request.limit));
    }
    if (request.cursor !== undefined) {
      params.set('cursor', request.cursor);
    }
    const query = params.toString();
    return this.#get<MlopsTrainingResponse>(
      `${entityPath(entityRef)}/training${query ? `?${query}` : ''}`,
    );
  }

  async getTrainingPipelineParams(
    entityRef: MlopsEntityRef,
  ): Promise<MlopsTrainingPipelineParamsResponse> {
    return this.#get<MlopsTrainingPipelineParamsResponse>(
      `${entityPath(entityRef)}/training/pipeline-params`,
    );
  }

  async getHealth(
    entityRef: MlopsEntityRef,
  ): Promise<MlopsModelHealthResponse> {
    return this.#get<MlopsModelHealthResponse>(
      `${entityPath(entityRef)}/health`,
    );
  }

  async getLineage(
    entityRef: MlopsEntityRef,
  ): Promise<MlopsModelLineageResponse> {
    return this.#get<MlopsModelLineageResponse>(
      `${entityPath(entityRef)}/lineage`,
    );
  }

  async getServingMetrics(
    entityRef: MlopsEntityRef,
    window: MlopsServingMetricsWindow,
  ): Promise<MlopsServingMetricsResponse> {
    return this.#get<MlopsServingMetricsResponse>(
      `${entityPath(entityRef)}/serving-metrics?window=${encodeURIComponent(
        window,
      )}`,
    );
  }

  async getServingDay(
    entityRefs: MlopsEntityRef[],
  ): Promise<MlopsServingDayResponse> {
    const refs = entityRefs.map(ref =>
      typeof ref === 'string' ? ref : stringifyEntityRef(ref),
    );
    const items: MlopsServingDayResponse['items'] = [];
    for (let i = 0; i < refs.length; i += MLOPS_SUMMARY_MAX_ENTITY_REFS) {
      const body = JSON.stringify({
        entityRefs: refs.slice(i, i + MLOPS_SUMMARY_MAX_ENTITY_REFS),
      });
      const answer = await this.#once(
        `POST /serving-metrics/day ${body}`,
        async () => {
          const response = await this.#fetch('/serving-metrics/day', {
            method: 'POST',
            headers: {
              Accept: 'application/json',
              'Content-Type': 'application/json',
            },
            body,
          });
          if (!response.ok) {
            throw await ResponseError.fromResponse(response);
          }
          return (await response.json()) as MlopsServingDayResponse;
        },
      );
      items.push(...answer.items);
    }
    return { items };
  }

  async getServingDiagnosis(
    entityRef: MlopsEntityRef,
  ): Promise<MlopsServingDiagnosisResponse> {
    return this.#get<MlopsServingDiagnosisResponse>(
      `${entityPath(entityRef)}/health/diagnosis`,
    );
  }

  async getSummary(entityRefs: MlopsEntityRef[]): Promise<MlopsSummaryResult> {
    const refs = entityRefs.map(ref =>
      typeof ref === 'string' ? ref : stringifyEntityRef(ref),
    );
    const chunks: string[][] = [];
    for (let i = 0; i < refs.length; i += MLOPS_SUMMARY_MAX_ENTITY_REFS) {
      chunks.push(refs.slice(i, i + MLOPS_SUMMARY_MAX_ENTITY_REFS));
    }
    const results = await Promise.all(
      chunks.map(chunk => this.#postSummary(chunk)),
    );
    const merged: MlopsSummaryResult = {
      items: results.flatMap(r => r.items),
      freshness: results.flatMap(r => r.freshness),
      notInstalled: results.flatMap(r => r.notInstalled),
    };
    const partialError = results.find(r => r.partialError)?.partialError;
    return partialError ? { ...merged, partialError } : merged;
  }

  async readLog(
    entityRef: MlopsEntityRef,
    target: MlopsLogTarget,
    request: MlopsLogRequest,
  ): Promise<MlopsLogResult> {
    const { signal } = request;
    const path = `${entityPath(entityRef)}/${logPath(target)}${logQuery(
      request,
    )}`;
    let response: Response;
    try {
      response = await this.#fetch(path, {
        headers: { Accept: 'text/plain' },
        signal,
      });
    } catch (error) {
      if (signal?.aborted) {
        return { bytes: 0, truncated: false, aborted: true };
      }
      throw error;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    request.onOpen?.();
    return readLogBody(response, {
      onText: request.onText,
      signal,
      askedLimitBytes: request.limitBytes,
    });
  }

  async runMutation(
    entityRef: MlopsEntityRef,
    request: MlopsMutationRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<MlopsMutationResponse> {
    const path = `${entityPath(entityRef)}/mutations/${mutationPath(request)}`;
    const init: RequestInit = {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        [MLOPS_IDEMPOTENCY_KEY_HEADER]:
          options.idempotencyKey ?? newIdempotencyKey(),
      },
      body: JSON.stringify(request.body ?? {}),
    };
    let response: Response;
    try {
      response = await this.#fetch(path, init);
    } catch {
      // The request may have reached the backend: the same key makes the retry
      // return the first answer instead of acting twice.
      response = await this.#fetch(path, init);
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as MlopsMutationResponse;
  }

  #postSummary(entityRefs: string[]): Promise<MlopsSummaryResult> {
    const body = JSON.stringify({ entityRefs });
    return this.#once(`POST /summary ${body}`, async () => {
      const response = await this.#fetch('/summary', {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body,
      });
      if (response.ok) {
        return (await response.json()) as MlopsSummaryResponse;
      }
      const error = await ResponseError.fromResponse(response);
      // A 503 may still carry the items of the clusters the backend reached.
      const partial = error.body as unknown as Partial<
        Record<keyof MlopsSummaryResponse, unknown>
      >;
      if (error.statusCode === 503 && Array.isArray(partial.items)) {
        return {
          items: arrayOr(partial.items),
          freshness: arrayOr(partial.freshness),
          notInstalled: arrayOr(partial.notInstalled),
          partialError: error,
        };
      }
      throw error;
    });
  }

  #get<T>(path: string): Promise<T> {
    return this.#once(`GET ${path}`, async () => {
      const response = await this.#fetch(path, {
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return (await response.json()) as T;
    });
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('mlops');
    return this.#fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  // Shares one request between identical reads in flight at the same time.
  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.#inFlight.get(key);
    if (pending) {
      return pending as Promise<T>;
    }
    const promise = load().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }
}
