import type {
  MlopsMutationResponse,
  MlopsClustersResponse,
  MlopsModelHealthResponse,
  MlopsModelLineageResponse,
  MlopsServingDayResponse,
  MlopsServingMetricName,
  MlopsServingMetricsResponse,
  MlopsServingMetricsWindow,
  MlopsServingDiagnosisResponse,
  MlopsTrainingPipelineParamsResponse,
  MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  MlopsMutationRequest,
  MlopsApi,
  MlopsEntityRef,
  MlopsLogRequest,
  MlopsLogResult,
  MlopsLogTarget,
  MlopsSummaryResult,
  MlopsTrainingRequest,
} from '../api/MlopsApi';
import { clustersWith } from './fixtures';
import { lineageResponse } from './lineageFixtures';
import {
  healthResponse,
  servingDiagnosisResponse,
  pipelineParamsResponse,
  summaryResponse,
  trainingResponse,
} from './wireFixtures';

/**
 * How a fake method answers: a value, an error to reject with, `'pending'` to
 * never answer, or a function of the call's arguments returning one of those.
 *
 * @internal
 */
export type FakeAnswer<T, A extends unknown[] = []> =
  | T
  | Error
  | 'pending'
  | ((...args: A) => T | Error | 'pending');

function answer<T, A extends unknown[]>(
  value: FakeAnswer<T, A>,
  args: A,
): Promise<T> {
  const resolved =
    typeof value === 'function'
      ? (value as (...a: A) => T | Error | 'pending')(...args)
      : value;
  if (resolved === 'pending') {
    return new Promise<T>(() => {});
  }
  return resolved instanceof Error
    ? Promise.reject(resolved)
    : Promise.resolve(resolved);
}

/**
 * Options of {@link fakeMlopsApi}: the answer of each method. By default the
 * backend reaches cluster `dev`, and every model has no runs, no serving and
 * an empty summary.
 *
 * @internal
 */
export interface FakeMlopsApiOptions {
  clusters?: FakeAnswer<MlopsClustersResponse>;
  training?: FakeAnswer<
    MlopsTrainingResponse,
    [MlopsEntityRef, MlopsTrainingRequest | undefined]
  >;
  health?: FakeAnswer<MlopsModelHealthResponse, [MlopsEntityRef]>;
  /** The served model's lineage; none (no InferenceService) by default. */
  lineage?: FakeAnswer<MlopsModelLineageResponse, [MlopsEntityRef]>;
  servingDiagnosis?: FakeAnswer<
    MlopsServingDiagnosisResponse,
    [MlopsEntityRef]
  >;
  /** The training Pipeline's params; `pipelineParamsResponse()` by default. */
  pipelineParams?: FakeAnswer<
    MlopsTrainingPipelineParamsResponse,
    [MlopsEntityRef]
  >;
  summary?: FakeAnswer<MlopsSummaryResult, [MlopsEntityRef[]]>;
  /** The serving metrics; a window without samples by default. */
  servingMetrics?: FakeAnswer<
    MlopsServingMetricsResponse,
    [MlopsEntityRef, MlopsServingMetricsWindow]
  >;
  /** The last 24 h of serving; nothing known of any model by default. */
  servingDay?: FakeAnswer<MlopsServingDayResponse, [MlopsEntityRef[]]>;
  mutation?: FakeAnswer<
    MlopsMutationResponse,
    [MlopsEntityRef, MlopsMutationRequest]
  >;
  /**
   * How `readLog` answers: by default the log `fake log line\n`, read once. A
   * function gets the call's arguments and may write through `request.onText`.
   */
  log?: FakeAnswer<
    MlopsLogResult,
    [MlopsEntityRef, MlopsLogTarget, MlopsLogRequest]
  >;
}

/** What the backend answers to a mutation that went well. */
export function mutationResponse(
  request: MlopsMutationRequest,
): MlopsMutationResponse {
  return {
    action: request.action,
    entityRef: 'component:default/anomaly-detector',
    object: { kind: 'PipelineRun', namespace: 'mlops-demo', name: 'created-1' },
    dryRun: request.body?.dryRun ?? false,
    changed: true,
  };
}

/** A short finished log, read at once. */
function defaultLog(
  _ref: MlopsEntityRef,
  _target: MlopsLogTarget,
  request: MlopsLogRequest,
): MlopsLogResult {
  request.onOpen?.();
  request.onText('fake log line\n');
  return { bytes: 14, truncated: false, aborted: false };
}

/**
 * A fake {@link MlopsApi} (live updates come from a fake signal API, see
 * `fakeSignalApi`).
 *
 * @internal
 */
export type FakeMlopsApi = jest.Mocked<MlopsApi>;

/**
 * A serving metrics answer over a window, with the given points per metric (none by
 * default).
 *
 * @internal
 */
export function servingMetricsResponse(
  window: MlopsServingMetricsWindow = '1h',
  points: Partial<
    Record<MlopsServingMetricName, Array<{ t: number; value: number }>>
  > = {},
  source: 'container' | 'process' = 'process',
): MlopsServingMetricsResponse {
  const metrics: MlopsServingMetricName[] = [
    'requestRate',
    'errorRate',
    'latencyP50',
    'latencyP95',
    'cpu',
    'memory',
  ];
  return {
    entityRef: 'component:default/anomaly-detector',
    cluster: 'dev',
    namespace: 'mlops-demo',
    inferenceService: 'anomaly-detector',
    window,
    start: '2026-12-07T10:00:00.000Z',
    end: '2026-12-07T11:00:00.000Z',
    stepSeconds: 30,
    series: metrics.map(metric => ({
      metric,
      points: points[metric] ?? [],
      ...(metric === 'cpu' || metric === 'memory' ? { source } : {}),
      query: `query of ${metric}`,
    })),
  };
}

/**
 * A fake {@link MlopsApi} for `TestApiProvider`, with `jest.fn` methods so tests
 * can check what was asked.
 *
 * @internal
 */
export function fakeMlopsApi(options: FakeMlopsApiOptions = {}): FakeMlopsApi {
  return {
    runMutation: jest.fn((ref, request) =>
      answer(options.mutation ?? mutationResponse(request), [ref, request]),
    ),
    readLog: jest.fn(
      (ref: MlopsEntityRef, target: MlopsLogTarget, request: MlopsLogRequest) =>
        answer(options.log ?? defaultLog, [ref, target, request]),
    ),
    getClusters: jest.fn(() =>
      answer(options.clusters ?? clustersWith('dev'), []),
    ),
    getTraining: jest.fn((ref, request) =>
      answer(options.training ?? trainingResponse(), [ref, request]),
    ),
    getTrainingPipelineParams: jest.fn(ref =>
      answer(options.pipelineParams ?? pipelineParamsResponse(), [ref]),
    ),
    getHealth: jest.fn(ref =>
      answer(options.health ?? healthResponse(), [ref]),
    ),
    getLineage: jest.fn(ref =>
      answer(options.lineage ?? lineageResponse(), [ref]),
    ),
    getServingDiagnosis: jest.fn(ref =>
      answer(options.servingDiagnosis ?? servingDiagnosisResponse(), [ref]),
    ),
    getSummary: jest.fn(refs =>
      answer(options.summary ?? summaryResponse([]), [refs]),
    ),
    getServingMetrics: jest.fn((ref, window) =>
      answer(options.servingMetrics ?? servingMetricsResponse(window), [
        ref,
        window,
      ]),
    ),
    getServingDay: jest.fn(refs =>
      answer(
        options.servingDay ?? {
          items: refs.map(r => ({
            entityRef: typeof r === 'string' ? r : stringifyEntityRef(r),
          })),
        },
        [refs],
      ),
    ),
  };
}
