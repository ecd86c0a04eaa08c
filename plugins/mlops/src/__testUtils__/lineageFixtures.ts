import type {
  MlopsModelLineage,
  MlopsModelLineageResponse,
} from '@backstage-mlops/plugin-mlops-common';

/** The commit of {@link servedLineage}. */
export const LINEAGE_COMMIT = '4f2b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b';
/** The image digest of {@link servedLineage}. */
export const LINEAGE_DIGEST = `sha256:${'ab'.repeat(32)}`;

/**
 * The lineage of a model promoted by run `anomaly-detector-run-7`, every link
 * followed.
 *
 * @internal
 */
export function servedLineage(
  overrides: Partial<MlopsModelLineage> = {},
): MlopsModelLineage {
  return {
    serving: {
      inferenceService: 'anomaly-detector',
      ready: 'True',
      modelVersion: 'anomaly-detector/candidates/anomaly-detector-run-7',
      storageUri: 'pvc://anomaly-detector-models/anomaly-detector/served',
      servingSince: '2026-05-01T10:08:20Z',
      servingSinceFrom: 'promotion',
    },
    run: {
      name: 'anomaly-detector-run-7',
      status: 'Succeeded',
      startedAt: '2026-05-01T10:00:00Z',
      completedAt: '2026-05-01T10:10:00Z',
      metrics: [{ name: 'rmse', value: 0.72, source: 'pipeline' }],
      promotedAt: '2026-05-01T10:08:20Z',
    },
    validationJob: {
      name: 'train-anomaly-detector-1746093605',
      status: 'Succeeded',
      image: `image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-notebook@${LINEAGE_DIGEST}`,
      imageDigest: LINEAGE_DIGEST,
      notebookPath: 'notebooks/train.ipynb',
      gitRef: 'main',
      completedAt: '2026-05-01T10:05:00Z',
    },
    build: {
      name: 'anomaly-detector-notebook-2',
      status: 'Succeeded',
      imageDigest: LINEAGE_DIGEST,
      completedAt: '2026-05-01T09:58:00Z',
    },
    commit: {
      sha: LINEAGE_COMMIT,
      message: 'More trees',
      author: 'Ada',
      repository: 'https://github.com/acme/anomaly-detector.git',
      url: `https://github.com/acme/anomaly-detector/commit/${LINEAGE_COMMIT}`,
    },
    gaps: [],
    ...overrides,
  };
}

/**
 * A lineage response; without `lineage` the model has no InferenceService.
 *
 * @internal
 */
export function lineageResponse(
  lineage?: MlopsModelLineage,
): MlopsModelLineageResponse {
  return {
    entityRef: 'component:default/anomaly-detector',
    cluster: 'dev',
    namespace: 'mlops-demo',
    modelName: 'anomaly-detector',
    freshness: [],
    notInstalled: [],
    ...(lineage ? { lineage } : {}),
  };
}
