import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeMlopsApi,
  servingMetricsResponse,
} from '../../__testUtils__/fakeMlopsApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import { ServingMetricsCard } from './ServingMetricsCard';

const REF = 'component:default/anomaly-detector';
const T = Date.parse('2026-12-07T10:59:00Z');

function render(api = fakeMlopsApi()) {
  renderWithEntity(<ServingMetricsCard entityRef={REF} />, {
    entity: modelEntity({}),
    mlopsApi: api,
  });
  return api;
}

describe('ServingMetricsCard', () => {
  it('charts each metric and says its latest value in words, naming the series that stood in for CPU and memory', async () => {
    const api = render(
      fakeMlopsApi({
        servingMetrics: servingMetricsResponse('1h', {
          requestRate: [
            { t: T - 30_000, value: 0.5 },
            { t: T, value: 1.25 },
          ],
          errorRate: [{ t: T, value: 0.2 }],
          latencyP50: [{ t: T, value: 0.004 }],
          latencyP95: [{ t: T, value: 0.0095 }],
          cpu: [{ t: T, value: 0.031 }],
          memory: [{ t: T, value: 220 * 1024 * 1024 }],
        }),
      }),
    );
    expect(
      await screen.findByText(
        'Request rate over the last hour: latest 1.3 req/s (2 samples).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Error rate over the last hour: latest 20 % (1 sample).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Latency over the last hour: p50 latest 4 ms, p95 latest 9.5 ms (2 samples).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "CPU over the last hour: latest 0.031 cores (the model server process's own process_cpu_seconds_total: Prometheus has no container series of the predictor) (1 sample).",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Memory over the last hour: latest 220 MiB/),
    ).toBeInTheDocument();
    expect(api.getServingMetrics).toHaveBeenCalledWith(REF, '1h');
  });

  it('reads another window when one is chosen', async () => {
    const api = render();
    expect(
      await screen.findByText(/Request rate over the last hour: no samples/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '7d' }));
    await waitFor(() =>
      expect(api.getServingMetrics).toHaveBeenLastCalledWith(REF, '7d'),
    );
    expect(
      await screen.findByText(/Request rate over the last 7 days: no samples/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '7d' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('says which key to set when the cluster has no Prometheus', async () => {
    render(
      fakeMlopsApi({
        servingMetrics: await responseError(
          404,
          'no Prometheus is configured for cluster dev: set mlops.clusters[].prometheus.url',
        ),
      }),
    );
    expect(
      await screen.findByText('Info: No serving metrics'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/set mlops\.clusters\[\]\.prometheus\.url/),
    ).toBeInTheDocument();
  });

  it('says why Prometheus cannot be queried, and offers to try again', async () => {
    const api = render(
      fakeMlopsApi({
        servingMetrics: await responseError(
          503,
          'the Prometheus of cluster dev (http://127.0.0.1:9090) cannot be reached: ECONNREFUSED',
        ),
      }),
    );
    expect(
      await screen.findByText('Warning: Prometheus cannot be queried'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/cannot be reached: ECONNREFUSED/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.getServingMetrics).toHaveBeenCalledTimes(2));
  });
});
