import type { Entity } from '@backstage/catalog-model';
import {
  isMlModelEntity,
  isMlopsAvailable,
  isMlPipelineEntity,
  isNotebookEntity,
} from './entityTypes';

function entity(
  kind: string,
  type: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec: { type },
  };
}

describe('entity type predicates', () => {
  it.each([
    ['Component', 'ml-model', [true, false, false]],
    ['component', 'ml-model', [true, false, false]],
    ['Component', 'notebook', [false, true, false]],
    ['Resource', 'ml-pipeline', [false, false, true]],
    ['Component', 'service', [false, false, false]],
    ['Resource', 'ml-model', [false, false, false]],
  ])('%s/%s', (kind, type, expected) => {
    const e = entity(kind, type);
    expect([
      isMlModelEntity(e),
      isNotebookEntity(e),
      isMlPipelineEntity(e),
    ]).toEqual(expected);
  });

  it('isMlopsAvailable needs a namespace annotation, as the coordinates reader', () => {
    expect(isMlopsAvailable(entity('Component', 'ml-model'))).toBe(false);
    expect(
      isMlopsAvailable(
        entity('Component', 'ml-model', {
          'mlops.backstage.io/namespace': 'ns',
        }),
      ),
    ).toBe(true);
    expect(
      isMlopsAvailable(
        entity('Component', 'ml-model', {
          'backstage.io/kubernetes-namespace': 'ns',
        }),
      ),
    ).toBe(true);
  });
});
