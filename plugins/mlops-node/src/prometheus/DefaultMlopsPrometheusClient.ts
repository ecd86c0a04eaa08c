import { ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';
import type { PrometheusConnection } from '../clusters/ClusterConnection';
import type { DefaultMlopsClusterRegistry } from '../clusters/DefaultMlopsClusterRegistry';
import type {
  MlopsPrometheusClient,
  MlopsPrometheusRange,
  MlopsPrometheusSeries,
} from './types';

/** Prometheus' HTTP API answer (prometheus/prometheus web/api/v1/api.go `Response`). */
const answerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.object({
      resultType: z.string(),
      result: z.array(
        z.object({
          metric: z.record(z.string(), z.string()),
          // matrix: values; vector: value. A sample is [unix seconds, "value"].
          values: z.array(z.tuple([z.number(), z.string()])).optional(),
          value: z.tuple([z.number(), z.string()]).optional(),
        }),
      ),
    }),
  }),
  z.object({
    status: z.literal('error'),
    errorType: z.string().optional(),
    error: z.string().optional(),
  }),
]);

/**
 * Reads a Prometheus HTTP API answer into series; NaN and infinite samples (a ratio
 * over no requests, a quantile of an empty histogram) are left out.
 *
 * @internal
 */
export function parsePrometheusAnswer(
  body: unknown,
  where: string,
): MlopsPrometheusSeries[] {
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) {
    throw new ServiceUnavailableError(
      `${where} answered something that is not a Prometheus API response`,
    );
  }
  const answer = parsed.data;
  if (answer.status === 'error') {
    throw new ServiceUnavailableError(
      `${where} refused the query (${answer.errorType ?? 'error'}): ${
        answer.error ?? 'no reason given'
      }`,
    );
  }
  return answer.data.result.map(item => ({
    labels: item.metric,
    points: (item.values ?? (item.value ? [item.value] : [])).flatMap(
      ([seconds, text]) => {
        const value = Number(text);
        return Number.isFinite(value) ? [{ t: seconds * 1000, value }] : [];
      },
    ),
  }));
}

/**
 * The {@link MlopsPrometheusClient} of the clusters' `mlops.clusters[].prometheus`:
 * form-encoded POSTs to `/api/v1/query_range` and `/api/v1/query` (the Prometheus HTTP
 * API, which Thanos querier serves too), with the configured bearer token and a
 * timeout. Errors: `NotFoundError` naming the key when a cluster has no Prometheus,
 * `ServiceUnavailableError` with the reason when it cannot be reached, times out,
 * refuses the token or the query.
 *
 * @public
 */
export class DefaultMlopsPrometheusClient implements MlopsPrometheusClient {
  static create(options: {
    registry: DefaultMlopsClusterRegistry;
    /** How long a query may take (default 15 s). */
    requestTimeoutMs?: number;
  }): DefaultMlopsPrometheusClient {
    return new DefaultMlopsPrometheusClient(
      name => options.registry.prometheusConnection(name),
      options.requestTimeoutMs ?? 15_000,
    );
  }

  private constructor(
    private readonly connect: (name: string) => Promise<PrometheusConnection>,
    private readonly requestTimeoutMs: number,
  ) {}

  queryRange(
    cluster: string,
    query: string,
    range: MlopsPrometheusRange,
  ): Promise<MlopsPrometheusSeries[]> {
    return this.post(cluster, '/api/v1/query_range', {
      query,
      start: String(range.start.getTime() / 1000),
      end: String(range.end.getTime() / 1000),
      step: String(range.stepSeconds),
    });
  }

  query(
    cluster: string,
    query: string,
    time: Date,
  ): Promise<MlopsPrometheusSeries[]> {
    return this.post(cluster, '/api/v1/query', {
      query,
      time: String(time.getTime() / 1000),
    });
  }

  private async post(
    cluster: string,
    path: string,
    form: Record<string, string>,
  ): Promise<MlopsPrometheusSeries[]> {
    const connection = await this.connect(cluster);
    const where = `the Prometheus of cluster ${cluster} (${connection.url})`;
    let response: Response;
    try {
      response = await fetch(`${connection.url}${path}`, {
        method: 'POST',
        headers: {
          ...connection.headers,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const reason =
        e.name === 'TimeoutError'
          ? `no answer within ${Math.round(this.requestTimeoutMs / 1000)} s`
          : e.cause?.code ?? e.message;
      throw new ServiceUnavailableError(
        connection.redact(`${where} cannot be reached: ${reason}`),
      );
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new ServiceUnavailableError(
        `${where} refused the request (${response.status}): check mlops.clusters[].prometheus.token or tokenFile of cluster ${cluster}`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ServiceUnavailableError(
        connection.redact(
          `${where} answered ${
            response.status
          } without a Prometheus API response: ${text.slice(0, 200)}`,
        ),
      );
    }
    try {
      return parsePrometheusAnswer(body, where);
    } catch (error) {
      (error as Error).message = connection.redact((error as Error).message);
      throw error;
    }
  }
}
