import type { Entity } from '@backstage/catalog-model';
import type {
  MlopsClusterSummary,
  MlopsBackendStatusResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsApi } from '../api/MlopsApi';

/**
 * Builds catalog entities for tests: an `ml-model` by default.
 *
 * @internal
 */
export function entity(options: {
  name?: string;
  kind?: string;
  type?: string;
  annotations?: Record<string, string>;
  spec?: Record<string, string>;
  relations?: Entity['relations'];
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: options.kind ?? 'Component',
    metadata: {
      name: options.name ?? 'anomaly-detector',
      namespace: 'default',
      annotations: options.annotations ?? {},
    },
    spec: {
      type: options.type ?? 'ml-model',
      owner: 'ml-platform-team',
      lifecycle: 'production',
      ...options.spec,
    },
    relations: options.relations,
  };
}

/**
 * The health answer of a backend configured with the named clusters.
 *
 * @internal
 */
export function healthWith(...names: string[]): MlopsBackendStatusResponse {
  return {
    status: 'ok',
    clusters: names.map(
      (name): MlopsClusterSummary => ({ name, source: 'kubernetes' }),
    ),
  };
}

/**
 * A fake {@link MlopsApi} answering `getHealth` with the given response, or
 * failing with the given error; `undefined` never answers.
 *
 * @internal
 */
export function fakeMlopsApi(
  answer: MlopsBackendStatusResponse | Error | undefined,
): jest.Mocked<MlopsApi> {
  return {
    getHealth: jest.fn(() => {
      if (answer === undefined) {
        return new Promise<MlopsBackendStatusResponse>(() => {});
      }
      return answer instanceof Error
        ? Promise.reject(answer)
        : Promise.resolve(answer);
    }),
  };
}
