import type { Entity } from '@backstage/catalog-model';
import {
  anyClusterKey,
  coordinateKey,
  handWrittenKeys,
} from './handWrittenKeys';

function entity(
  kind: string,
  type: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec: { type },
  };
}

describe('handWrittenKeys', () => {
  it('files a model under its model name and inference service, in any cluster when it names none', () => {
    const keys = handWrittenKeys(
      entity('Component', 'ml-model', {
        'mlops.backstage.io/namespace': 'ns',
        'mlops.backstage.io/inference-service': 'scorer',
      }),
    );
    expect(keys).toEqual([
      anyClusterKey(coordinateKey.modelName('dev', 'ns', 'x')),
      anyClusterKey(coordinateKey.inferenceService('dev', 'ns', 'scorer')),
    ]);
  });

  it('files pipelines and notebooks, with a named cluster', () => {
    expect(
      handWrittenKeys(
        entity('Resource', 'ml-pipeline', {
          'mlops.backstage.io/namespace': 'ns',
          'mlops.backstage.io/cluster': 'prod',
        }),
      ),
    ).toEqual([
      coordinateKey.pipeline('prod', 'ns', 'model-training-pipeline'),
    ]);
    expect(
      handWrittenKeys(
        entity('Component', 'notebook', {
          'mlops.backstage.io/namespace': 'ns',
          'mlops.backstage.io/cluster': 'prod',
          'mlops.backstage.io/notebook-path': 'nb/a.ipynb',
        }),
      ),
    ).toEqual([coordinateKey.notebook('prod', 'ns', 'nb/a.ipynb')]);
  });

  it('has no keys for entities without readable coordinates', () => {
    expect(handWrittenKeys(entity('Component', 'ml-model', {}))).toEqual([]);
    expect(
      handWrittenKeys(
        entity('Component', 'service', {
          'mlops.backstage.io/namespace': 'ns',
        }),
      ),
    ).toEqual([]);
  });
});
