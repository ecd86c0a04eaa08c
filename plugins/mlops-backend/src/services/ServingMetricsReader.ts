import { NotFoundError } from '@backstage/errors';
import {
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  type MlopsServingDaySummary,
  type MlopsServingMetricName,
  type MlopsServingMetricSeries,
  type MlopsServingMetricsResponse,
  type MlopsServingMetricsWindow,
} from '@backstage-mlops/plugin-mlops-common';
import {
  servingDayQuery,
  servingMetricQueries,
  servingMetricsResolution,
  type MlopsPrometheusClient,
} from '@backstage-mlops/plugin-mlops-node';
import type { ModelTarget } from './ModelAccess';

/** The InferenceService of a model, or a NotFoundError naming the annotation. */
function inferenceServiceOf(target: ModelTarget): string {
  const name = target.coordinates.inferenceService;
  if (!name) {
    throw new NotFoundError(
      `${target.entityRef} names no InferenceService: set its ${MLOPS_ANNOTATION_INFERENCE_SERVICE} annotation`,
    );
  }
  return name;
}

/**
 * Answers the serving metrics of the Health tab (a range per metric over a window)
 * and of the ML Models page (the last 24 h of many models, one query per cluster),
 * from the Prometheus configured for each model's cluster.
 *
 * @internal
 */
export class ServingMetricsReader {
  static create(options: {
    prometheus: MlopsPrometheusClient;
    now?: () => Date;
  }): ServingMetricsReader {
    return new ServingMetricsReader(
      options.prometheus,
      options.now ?? (() => new Date()),
    );
  }

  private constructor(
    private readonly prometheus: MlopsPrometheusClient,
    private readonly now: () => Date,
  ) {}

  async read(
    target: ModelTarget,
    window: MlopsServingMetricsWindow,
  ): Promise<MlopsServingMetricsResponse> {
    const inferenceService = inferenceServiceOf(target);
    const { namespace } = target.coordinates;
    const cluster = target.cluster.name;
    const { rangeSeconds, stepSeconds, rateWindow } =
      servingMetricsResolution(window);
    // Aligned to the step, so that a refresh shows the same points.
    const endMs =
      Math.floor(this.now().getTime() / (stepSeconds * 1000)) *
      stepSeconds *
      1000;
    const range = {
      start: new Date(endMs - rangeSeconds * 1000),
      end: new Date(endMs),
      stepSeconds,
    };
    const queries = servingMetricQueries(
      { namespace, inferenceService },
      rateWindow,
    );
    const series = await Promise.all(
      (Object.entries(queries) as Array<[MlopsServingMetricName, string]>).map(
        async ([metric, query]): Promise<MlopsServingMetricSeries> => {
          const [first] = await this.prometheus.queryRange(
            cluster,
            query,
            range,
          );
          const source = first?.labels.source;
          return {
            metric,
            points: first?.points ?? [],
            ...(source === 'container' || source === 'process'
              ? { source }
              : {}),
            query,
          };
        },
      ),
    );
    return {
      entityRef: target.entityRef,
      cluster,
      namespace,
      inferenceService,
      window,
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      stepSeconds,
      series,
    };
  }

  /**
   * The last 24 h of each target's InferenceService, in order; one instant query per
   * cluster. A cluster without Prometheus, or whose Prometheus fails, gives its models
   * a `problem` in words.
   */
  async day(
    targets: Array<{
      entityRef: string;
      target?: ModelTarget;
      problem?: string;
    }>,
  ): Promise<MlopsServingDaySummary[]> {
    const byCluster = new Map<string, ModelTarget[]>();
    for (const { target } of targets) {
      if (!target?.coordinates.inferenceService) continue;
      const list = byCluster.get(target.cluster.name) ?? [];
      list.push(target);
      byCluster.set(target.cluster.name, list);
    }
    const now = this.now();
    const answers = new Map<
      string,
      { figures?: Map<string, Record<string, number>>; problem?: string }
    >();
    await Promise.all(
      [...byCluster].map(async ([cluster, list]) => {
        try {
          const series = await this.prometheus.query(
            cluster,
            servingDayQuery(
              list.map(t => ({
                namespace: t.coordinates.namespace,
                inferenceService: t.coordinates.inferenceService!,
              })),
            ),
            now,
          );
          const figures = new Map<string, Record<string, number>>();
          for (const s of series) {
            const key = `${s.labels.namespace}/${s.labels.isvc}`;
            const value = s.points[s.points.length - 1]?.value;
            if (value === undefined || !s.labels.figure) continue;
            figures.set(key, {
              ...figures.get(key),
              [s.labels.figure]: value,
            });
          }
          answers.set(cluster, { figures });
        } catch (error) {
          answers.set(cluster, { problem: (error as Error).message });
        }
      }),
    );
    return targets.map(({ entityRef, target, problem }) => {
      if (!target) return { entityRef, problem: problem ?? 'not found' };
      const name = target.coordinates.inferenceService;
      if (!name) {
        return { entityRef, problem: 'no InferenceService' };
      }
      const answer = answers.get(target.cluster.name);
      if (!answer?.figures) {
        return { entityRef, problem: answer?.problem ?? 'no answer' };
      }
      const figures = answer.figures.get(
        `${target.coordinates.namespace}/${name}`,
      );
      if (!figures || figures.requests === undefined) {
        return { entityRef }; // no series: Prometheus has scraped nothing of it
      }
      const requests = Math.round(figures.requests);
      return {
        entityRef,
        requests,
        ...(requests > 0 && figures.failures !== undefined
          ? { errorRate: figures.failures / figures.requests }
          : {}),
        ...(requests > 0 && figures.latencyP95 !== undefined
          ? { latencyP95: figures.latencyP95 }
          : {}),
      };
    });
  }
}
