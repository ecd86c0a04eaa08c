import { generateNamePrefix } from './writeMetadata';
import {
  bindWorkspaces,
  buildTrainingPipelineRun,
} from './pipelineRunManifest';
import { buildValidationJob } from './validationJobManifest';

describe('buildTrainingPipelineRun', () => {
  it('is a tekton.dev/v1 run with v1 fields only, the model label and who asked', () => {
    const run = buildTrainingPipelineRun({
      namespace: 'ml',
      pipeline: 'model-training-pipeline',
      modelName: 'anomaly-detector',
      params: [{ name: 'model-name', value: 'anomaly-detector' }],
      workspaces: [
        {
          name: 'model-storage',
          persistentVolumeClaim: { claimName: 'model-storage-pvc' },
        },
      ],
      serviceAccountName: 'pipeline',
      timeout: '1h0m0s',
      triggeredBy: 'user:default/jdoe',
      rerunOf: 'train-anomaly-detector-abcde',
    });
    expect(run).toEqual({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: {
        generateName: 'train-anomaly-detector-',
        namespace: 'ml',
        labels: {
          'model-name': 'anomaly-detector',
          'triggered-by': 'user',
          'app.kubernetes.io/managed-by': 'backstage-mlops',
        },
        annotations: {
          'mlops.backstage.io/triggered-by': 'user:default/jdoe',
          'mlops.dev/requested-by': 'user:default/jdoe',
          'mlops.backstage.io/rerun-of': 'train-anomaly-detector-abcde',
        },
      },
      spec: {
        pipelineRef: { name: 'model-training-pipeline' },
        params: [{ name: 'model-name', value: 'anomaly-detector' }],
        workspaces: [
          {
            name: 'model-storage',
            persistentVolumeClaim: { claimName: 'model-storage-pvc' },
          },
        ],
        taskRunTemplate: { serviceAccountName: 'pipeline' },
        timeouts: { pipeline: '1h0m0s' },
      },
    });
    const spec = run.spec as Record<string, unknown>;
    for (const v1beta1Field of [
      'timeout',
      'serviceAccountName',
      'podTemplate',
    ]) {
      expect(spec).not.toHaveProperty(v1beta1Field);
    }
  });
});

describe('bindWorkspaces', () => {
  it('copies the previous binding, defaults model-storage, reports the unbound', () => {
    expect(
      bindWorkspaces(
        [
          { name: 'model-storage' },
          { name: 'data', optional: false },
          { name: 'cache', optional: true },
          { name: 'source' },
        ],
        [{ name: 'source', emptyDir: {} }],
      ),
    ).toEqual({
      bindings: [
        {
          name: 'model-storage',
          persistentVolumeClaim: { claimName: 'model-storage-pvc' },
        },
        { name: 'source', emptyDir: {} },
      ],
      unbound: ['data'],
    });
  });
});

describe('generateNamePrefix', () => {
  it('makes a DNS-1123 prefix that leaves room for the generated suffix', () => {
    expect(generateNamePrefix('train', 'Churn_Model.v2')).toBe(
      'train-churn-model-v2-',
    );
    const long = generateNamePrefix('validate', 'x'.repeat(80));
    expect(long.length).toBeLessThanOrEqual(57);
    expect(long).toMatch(/^[a-z0-9-]+-$/);
  });
});

describe('buildValidationJob', () => {
  it('copies the spec only, with another git ref, never the status or labels', () => {
    const sourceSpec = {
      notebook: {
        git: { url: 'https://git.example/ml.git', ref: 'main' },
        path: 'notebooks/train.ipynb',
      },
      podConfig: { containerImage: 'img' },
    };
    const job = buildValidationJob({
      namespace: 'ml',
      modelName: 'anomaly-detector',
      sourceSpec,
      copiedFrom: 'anomaly-detector-validation',
      gitRef: 'feature-x',
      triggeredBy: 'user:default/jdoe',
    });
    expect(job.metadata).toEqual({
      generateName: 'validate-anomaly-detector-',
      namespace: 'ml',
      labels: {
        'model-name': 'anomaly-detector',
        'app.kubernetes.io/managed-by': 'backstage-mlops',
      },
      annotations: {
        'mlops.backstage.io/triggered-by': 'user:default/jdoe',
        'mlops.backstage.io/copied-from': 'anomaly-detector-validation',
      },
    });
    expect(job.spec).toEqual({
      notebook: {
        git: { url: 'https://git.example/ml.git', ref: 'feature-x' },
        path: 'notebooks/train.ipynb',
      },
      podConfig: { containerImage: 'img' },
    });
    expect(sourceSpec.notebook.git.ref).toBe('main');
    expect(job).not.toHaveProperty('status');
  });
});
