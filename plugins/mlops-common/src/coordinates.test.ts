import type { Entity } from '@backstage/catalog-model';
import {
  describeAnnotationProblems,
  readMlopsCoordinates,
} from './coordinates';

function model(
  annotations: Record<string, string>,
  name = 'anomaly-detector',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: {
      type: 'ml-model',
      owner: 'ml-platform-team',
      lifecycle: 'production',
    },
  };
}

describe('readMlopsCoordinates', () => {
  it('applies the entity-model defaults when only the namespace is given', () => {
    expect(
      readMlopsCoordinates(
        model({ 'mlops.backstage.io/namespace': 'mlops-demo' }),
      ),
    ).toEqual({
      ok: true,
      coordinates: {
        cluster: undefined,
        namespace: 'mlops-demo',
        modelName: 'anomaly-detector',
        trainingPipeline: 'model-training-pipeline',
        inferenceService: undefined,
        buildConfig: undefined,
        workbench: undefined,
      },
    });
  });

  it('reads every annotation', () => {
    const result = readMlopsCoordinates(
      model({
        'mlops.backstage.io/namespace': 'mlops-demo',
        'mlops.backstage.io/cluster': 'dev-cluster',
        'mlops.backstage.io/model-name': 'anomaly_detector.v2',
        'mlops.backstage.io/training-pipeline': 'train.gpu',
        'mlops.backstage.io/inference-service': 'anomaly-detector',
        'mlops.backstage.io/build-config': 'notebook-validator',
        'mlops.backstage.io/workbench': 'anomaly-workbench',
      }),
    );
    expect(result).toEqual({
      ok: true,
      coordinates: {
        cluster: 'dev-cluster',
        namespace: 'mlops-demo',
        modelName: 'anomaly_detector.v2',
        trainingPipeline: 'train.gpu',
        inferenceService: 'anomaly-detector',
        buildConfig: 'notebook-validator',
        workbench: 'anomaly-workbench',
      },
    });
  });

  it('falls back to the Kubernetes plugin namespace annotation', () => {
    const result = readMlopsCoordinates(
      model({ 'backstage.io/kubernetes-namespace': 'team-b' }),
    );
    expect(result.ok && result.coordinates.namespace).toBe('team-b');
  });

  it('reports a missing namespace by its annotation', () => {
    const result = readMlopsCoordinates(model({}));
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          annotation: 'mlops.backstage.io/namespace',
          kind: 'missing',
          message: 'is missing',
        },
      ],
    });
  });

  it('reports every invalid value at once, naming each annotation', () => {
    const result = readMlopsCoordinates(
      model({
        'mlops.backstage.io/namespace': 'Not_A_Namespace',
        'mlops.backstage.io/inference-service': '1-starts-with-digit',
        'mlops.backstage.io/workbench': 'x'.repeat(64),
      }),
    );
    if (result.ok) {
      throw new Error('expected problems');
    }
    expect(result.problems.map(p => p.annotation)).toEqual([
      'mlops.backstage.io/namespace',
      'mlops.backstage.io/inference-service',
      'mlops.backstage.io/workbench',
    ]);
    expect(describeAnnotationProblems(result.problems)).toContain(
      'annotation mlops.backstage.io/inference-service "1-starts-with-digit" must consist of lower-case letters',
    );
    expect(result.problems[2].message).toContain('at most 63 characters');
    expect(result.problems.every(p => p.kind === 'invalid')).toBe(true);
  });

  it('names the fallback annotation when that is the invalid one', () => {
    const result = readMlopsCoordinates(
      model({ 'backstage.io/kubernetes-namespace': 'UPPER' }),
    );
    expect(!result.ok && result.problems[0].annotation).toBe(
      'backstage.io/kubernetes-namespace',
    );
  });

  it('rejects an entity name that is not a valid label value as model name', () => {
    const result = readMlopsCoordinates(
      model({ 'mlops.backstage.io/namespace': 'ns' }, `a${'b'.repeat(70)}`),
    );
    expect(!result.ok && result.problems[0].annotation).toBe(
      'mlops.backstage.io/model-name',
    );
  });
});
