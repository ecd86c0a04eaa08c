import { InputError } from '@backstage/errors';
import type { SlimPipelineParam } from '../kinds/tekton';
import { resolveTrainingParams } from './trainingParams';

// The params of ADR-053's model-training-pipeline, as the dev cluster seeds it.
const declared: SlimPipelineParam[] = [
  { name: 'model-name', type: 'string' },
  { name: 'notebook-path', type: 'string' },
  { name: 'data-source', type: 'string', default: 'hybrid' },
  { name: 'training-hours', type: 'string', default: '24' },
  { name: 'inference-service-name', type: 'string' },
  { name: 'health-check-enabled', type: 'string', default: 'true' },
  { name: 'tags', type: 'array', default: [] },
];

function resolve(given: Record<string, unknown>, extra = {}) {
  return resolveTrainingParams({
    pipeline: 'model-training-pipeline',
    declared,
    given: given as never,
    modelName: 'anomaly-detector',
    inferenceService: 'anomaly-detector-isvc',
    fallback: { 'notebook-path': 'notebooks/previous.ipynb' },
    ...extra,
  });
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('resolveTrainingParams', () => {
  it('fills the model, the inference service, defaults and the fallback, in declared order', () => {
    expect(resolve({ 'data-source': 'synthetic' })).toEqual([
      { name: 'model-name', value: 'anomaly-detector' },
      { name: 'notebook-path', value: 'notebooks/previous.ipynb' },
      { name: 'data-source', value: 'synthetic' },
      { name: 'training-hours', value: '24' },
      { name: 'inference-service-name', value: 'anomaly-detector-isvc' },
      { name: 'health-check-enabled', value: 'true' },
      { name: 'tags', value: [] },
    ]);
  });

  it('turns booleans and numbers into strings', () => {
    const params = resolve({
      'health-check-enabled': false,
      'training-hours': 6,
    });
    expect(params).toContainEqual({
      name: 'health-check-enabled',
      value: 'false',
    });
    expect(params).toContainEqual({ name: 'training-hours', value: '6' });
  });

  it('names every bad param: enum, unknown, type, another model', () => {
    const message = messageOf(() =>
      resolve({
        'data-source': 's3',
        colour: 'blue',
        tags: 'x',
        'model-name': 'other-model',
      }),
    );
    expect(message).toContain(
      'params.data-source must be one of synthetic, prometheus, hybrid',
    );
    expect(message).toContain(
      'params.colour is not a param of Pipeline model-training-pipeline',
    );
    expect(message).toContain('params.tags must be an array of strings');
    expect(message).toContain('params.model-name must be "anomaly-detector"');
  });

  it('says which required param has no value', () => {
    const message = messageOf(() => resolve({}, { fallback: {} }));
    expect(message).toBe(
      'params.notebook-path is required: Pipeline model-training-pipeline gives it no default',
    );
  });

  it('honours an enum the Pipeline declares over ADR-053 values', () => {
    const withEnum = declared.map(p =>
      p.name === 'data-source' ? { ...p, enum: ['synthetic'] } : p,
    );
    expect(
      messageOf(() =>
        resolve({ 'data-source': 'hybrid' }, { declared: withEnum }),
      ),
    ).toContain('params.data-source must be one of synthetic');
  });

  it('checks health-check-enabled is true or false', () => {
    expect(
      messageOf(() => resolve({ 'health-check-enabled': 'yes' })),
    ).toContain('params.health-check-enabled must be one of true, false');
  });
});
