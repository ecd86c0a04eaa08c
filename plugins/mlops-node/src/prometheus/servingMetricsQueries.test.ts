import {
  servingDayQuery,
  servingMetricQueries,
  servingMetricsResolution,
} from './servingMetricsQueries';

describe('servingMetricQueries', () => {
  const queries = servingMetricQueries(
    { namespace: 'mlops-demo', inferenceService: 'fraud.v2' },
    '2m',
  );

  it("selects the predictor's pods as OpenShift AI does, names escaped", () => {
    expect(queries.requestRate).toBe(
      'sum(rate(model_infer_request_duration_count{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*"}[2m]))',
    );
  });

  it('takes the error rate from MLServer failures over all inference requests', () => {
    expect(queries.errorRate).toBe(
      'sum(rate(model_infer_request_failure_total{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*"}[2m])) / sum(rate(model_infer_request_duration_count{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*"}[2m]))',
    );
  });

  it('takes latency quantiles from the REST infer route histogram', () => {
    expect(queries.latencyP95).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(rest_server_request_duration_seconds_bucket{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*",path="/v2/models/{model_name}/infer"}[2m])))',
    );
    expect(queries.latencyP50).toContain('histogram_quantile(0.5, ');
  });

  it("prefers the container's cAdvisor series and says when the process's own answered", () => {
    expect(queries.cpu).toBe(
      'label_replace(sum(rate(container_cpu_usage_seconds_total{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*",container="kserve-container"}[2m])), "source", "container", "", "") or on() label_replace(sum(rate(process_cpu_seconds_total{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*"}[2m])), "source", "process", "", "")',
    );
    expect(queries.memory).toBe(
      'label_replace(sum(container_memory_working_set_bytes{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*",container="kserve-container"}), "source", "container", "", "") or on() label_replace(sum(process_resident_memory_bytes{namespace="mlops-demo",pod=~"fraud\\\\.v2-predictor-.*"}), "source", "process", "", "")',
    );
  });
});

describe('servingMetricsResolution', () => {
  it.each([
    ['1h', 3600, 30, '2m'],
    ['24h', 86400, 600, '10m'],
    ['7d', 604800, 3600, '1h'],
  ] as const)(
    '%s: %i s in steps of %i s, rate over %s',
    (window, rangeSeconds, stepSeconds, rateWindow) => {
      expect(servingMetricsResolution(window)).toEqual({
        rangeSeconds,
        stepSeconds,
        rateWindow,
      });
    },
  );
});

describe('servingDayQuery', () => {
  it('asks once for every InferenceService of a cluster, per namespace and service', () => {
    const query = servingDayQuery([
      { namespace: 'a', inferenceService: 'm1' },
      { namespace: 'b', inferenceService: 'm2' },
      { namespace: 'a', inferenceService: 'm1' },
    ]);
    const pods = 'namespace=~"a|b",pod=~"(m1|m2)-predictor-.*"';
    expect(query).toBe(
      [
        `label_replace(sum by (namespace, isvc) (label_replace(increase(model_infer_request_duration_count{${pods}}[24h]), "isvc", "$1", "pod", "(.+)-predictor-.+")), "figure", "requests", "", "")`,
        `label_replace(sum by (namespace, isvc) (label_replace(increase(model_infer_request_failure_total{${pods}}[24h]), "isvc", "$1", "pod", "(.+)-predictor-.+")), "figure", "failures", "", "")`,
        `label_replace(histogram_quantile(0.95, sum by (namespace, isvc, le) (label_replace(rate(rest_server_request_duration_seconds_bucket{${pods},path="/v2/models/{model_name}/infer"}[24h]), "isvc", "$1", "pod", "(.+)-predictor-.+"))), "figure", "latencyP95", "", "")`,
      ].join(' or '),
    );
  });
});
