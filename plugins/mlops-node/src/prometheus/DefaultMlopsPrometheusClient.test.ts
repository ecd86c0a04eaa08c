import { parsePrometheusAnswer } from './DefaultMlopsPrometheusClient';

describe('parsePrometheusAnswer', () => {
  it('reads a matrix into series in epoch milliseconds, leaving out NaN', () => {
    expect(
      parsePrometheusAnswer(
        {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { source: 'process' },
                values: [
                  [1796640000, '0.25'],
                  [1796640030, 'NaN'],
                  [1796640060, '1e-3'],
                ],
              },
            ],
          },
        },
        'the Prometheus of cluster dev',
      ),
    ).toEqual([
      {
        labels: { source: 'process' },
        points: [
          { t: 1796640000000, value: 0.25 },
          { t: 1796640060000, value: 0.001 },
        ],
      },
    ]);
  });

  it('reads a vector as one point per series', () => {
    expect(
      parsePrometheusAnswer(
        {
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: { figure: 'requests' }, value: [10.5, '7'] }],
          },
        },
        'p',
      ),
    ).toEqual([
      { labels: { figure: 'requests' }, points: [{ t: 10500, value: 7 }] },
    ]);
  });

  it('says why Prometheus refused a query, in its words', () => {
    expect(() =>
      parsePrometheusAnswer(
        { status: 'error', errorType: 'bad_data', error: 'parse error' },
        'the Prometheus of cluster dev (http://127.0.0.1:9090)',
      ),
    ).toThrow(
      'the Prometheus of cluster dev (http://127.0.0.1:9090) refused the query (bad_data): parse error',
    );
  });

  it('refuses what is not a Prometheus answer', () => {
    expect(() => parsePrometheusAnswer({ hello: 1 }, 'p')).toThrow(
      'p answered something that is not a Prometheus API response',
    );
  });
});
