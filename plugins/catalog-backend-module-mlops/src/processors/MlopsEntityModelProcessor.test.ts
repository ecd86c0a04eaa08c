import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { MlopsEntityModelProcessor } from './MlopsEntityModelProcessor';

const location = { type: 'file', target: '/repo/catalog-info.yaml' };

function component(type: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'anomaly-detector', annotations },
    spec: { type, owner: 'team', lifecycle: 'production' },
  };
}

async function process(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const out = await new MlopsEntityModelProcessor().postProcessEntity(
    entity,
    location,
    result => emitted.push(result),
  );
  return { out, emitted };
}

describe('MlopsEntityModelProcessor', () => {
  it('passes a valid model through unchanged, without errors', async () => {
    const entity = component('ml-model', {
      'mlops.backstage.io/namespace': 'mlops-demo',
      'mlops.backstage.io/inference-service': 'anomaly-detector',
    });
    const { out, emitted } = await process(entity);
    expect(out).toBe(entity);
    expect(emitted).toEqual([]);
  });

  it('reports every invalid annotation of a model, naming each', async () => {
    const { emitted } = await process(
      component('ml-model', {
        'mlops.backstage.io/namespace': 'Bad_NS',
        'mlops.backstage.io/inference-service': '9lives',
      }),
    );
    expect(emitted).toHaveLength(1);
    const [result] = emitted;
    expect(result.type).toBe('error');
    expect(result.type === 'error' && result.error.name).toBe('InputError');
    expect(result.type === 'error' && result.error.message).toMatch(
      /^Component:default\/anomaly-detector: annotation mlops.backstage.io\/namespace "Bad_NS" must consist.*; annotation mlops.backstage.io\/inference-service "9lives" must consist/,
    );
    expect(result.type === 'error' && result.location).toEqual(location);
  });

  it('reports a model that has mlops annotations but no namespace', async () => {
    const { emitted } = await process(
      component('ml-model', { 'mlops.backstage.io/inference-service': 'x' }),
    );
    expect(emitted[0].type === 'error' && emitted[0].error.message).toContain(
      'annotation mlops.backstage.io/namespace is missing',
    );
  });

  it('leaves entities alone that are not models or carry no mlops annotation', async () => {
    expect(
      (
        await process(
          component('service', { 'mlops.backstage.io/namespace': 'BAD' }),
        )
      ).emitted,
    ).toEqual([]);
    expect((await process(component('ml-model', {}))).emitted).toEqual([]);
  });
});
