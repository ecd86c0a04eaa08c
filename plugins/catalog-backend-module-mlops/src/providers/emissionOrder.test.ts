import type { Entity } from '@backstage/catalog-model';
import { inEmissionOrder } from './emissionOrder';

const entity = (name: string, type: string): { entity: Entity } => ({
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: type === 'ml-pipeline' ? 'Resource' : 'Component',
    metadata: { name },
    spec: { type },
  },
});

describe('inEmissionOrder', () => {
  it('puts pipelines, then models, then notebooks, then anything else, keeping the order within each', () => {
    const ordered = inEmissionOrder([
      entity('nb-a', 'notebook'),
      entity('model-a', 'ml-model'),
      entity('other', 'service'),
      entity('nb-b', 'notebook'),
      entity('pipe', 'ml-pipeline'),
      entity('model-b', 'ml-model'),
    ]);
    expect(ordered.map(e => e.entity.metadata.name)).toEqual([
      'pipe',
      'model-a',
      'model-b',
      'nb-a',
      'nb-b',
      'other',
    ]);
  });

  it('does not change its input', () => {
    const input = [entity('nb', 'notebook'), entity('model', 'ml-model')];
    inEmissionOrder(input);
    expect(input.map(e => e.entity.metadata.name)).toEqual(['nb', 'model']);
  });
});
