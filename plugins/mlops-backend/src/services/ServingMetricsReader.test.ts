import { ServiceUnavailableError } from '@backstage/errors';
import type { MlopsPrometheusClient } from '@backstage-mlops/plugin-mlops-node';
import type { ModelTarget } from './ModelAccess';
import { ServingMetricsReader } from './ServingMetricsReader';

function target(cluster: string, name: string, isvc?: string): ModelTarget {
  return {
    entity: { apiVersion: 'v1', kind: 'Component', metadata: { name } },
    entityRef: `component:default/${name}`,
    cluster: {
      name: cluster,
      url: 'https://k8s',
      authProvider: 'serviceAccount',
    },
    coordinates: {
      namespace: 'ns',
      modelName: name,
      inferenceService: isvc,
    } as ModelTarget['coordinates'],
  };
}

const NOW = new Date('2026-12-07T11:00:17Z');

describe('ServingMetricsReader', () => {
  it('reads each metric over the window, aligned to its step, with the series that answered', async () => {
    const queryRange = jest.fn(async (_c: string, query: string) =>
      query.startsWith('label_replace')
        ? [{ labels: { source: 'process' }, points: [{ t: 1, value: 2 }] }]
        : [],
    );
    const reader = ServingMetricsReader.create({
      prometheus: { queryRange, query: jest.fn() },
      now: () => NOW,
    });
    const answer = await reader.read(target('dev', 'm', 'm'), '24h');
    expect(answer).toEqual(
      expect.objectContaining({
        cluster: 'dev',
        inferenceService: 'm',
        window: '24h',
        start: '2026-12-06T11:00:00.000Z',
        end: '2026-12-07T11:00:00.000Z',
        stepSeconds: 600,
      }),
    );
    expect(
      answer.series.map(s => [s.metric, s.points.length, s.source]),
    ).toEqual([
      ['requestRate', 0, undefined],
      ['errorRate', 0, undefined],
      ['latencyP50', 0, undefined],
      ['latencyP95', 0, undefined],
      ['cpu', 1, 'process'],
      ['memory', 1, 'process'],
    ]);
    expect(queryRange).toHaveBeenCalledTimes(6);
  });

  it('refuses a model without an InferenceService, naming the annotation', async () => {
    const reader = ServingMetricsReader.create({
      prometheus: { queryRange: jest.fn(), query: jest.fn() },
    });
    await expect(reader.read(target('dev', 'm'), '1h')).rejects.toThrow(
      'component:default/m names no InferenceService: set its mlops.backstage.io/inference-service annotation',
    );
  });

  it('answers the day of many models with one query per cluster, and a problem per model of a failing cluster', async () => {
    const query: MlopsPrometheusClient['query'] = jest.fn(async cluster => {
      if (cluster === 'prod') {
        throw new ServiceUnavailableError(
          'the Prometheus of cluster prod (https://q) cannot be reached: ECONNREFUSED',
        );
      }
      return [
        {
          labels: { namespace: 'ns', isvc: 'a', figure: 'requests' },
          points: [{ t: 0, value: 199.6 }],
        },
        {
          labels: { namespace: 'ns', isvc: 'a', figure: 'failures' },
          points: [{ t: 0, value: 10 }],
        },
        {
          labels: { namespace: 'ns', isvc: 'a', figure: 'latencyP95' },
          points: [{ t: 0, value: 0.04 }],
        },
      ];
    });
    const reader = ServingMetricsReader.create({
      prometheus: { queryRange: jest.fn(), query },
      now: () => NOW,
    });
    const items = await reader.day([
      { entityRef: 'component:default/a', target: target('dev', 'a', 'a') },
      { entityRef: 'component:default/b', target: target('dev', 'b', 'b') },
      { entityRef: 'component:default/c', target: target('prod', 'c', 'c') },
      { entityRef: 'component:default/d', target: target('dev', 'd') },
      {
        entityRef: 'component:default/e',
        problem: 'not found in the catalog, or not visible to you',
      },
    ]);
    expect(items).toEqual([
      {
        entityRef: 'component:default/a',
        requests: 200,
        errorRate: 10 / 199.6,
        latencyP95: 0.04,
      },
      { entityRef: 'component:default/b' },
      {
        entityRef: 'component:default/c',
        problem:
          'the Prometheus of cluster prod (https://q) cannot be reached: ECONNREFUSED',
      },
      { entityRef: 'component:default/d', problem: 'no InferenceService' },
      {
        entityRef: 'component:default/e',
        problem: 'not found in the catalog, or not visible to you',
      },
    ]);
    expect(query).toHaveBeenCalledTimes(2);
  });
});
