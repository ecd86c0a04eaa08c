import { toSlimMlopsObject } from './toSlimMlopsObject';
import { toSlimConditions, toSlimObjectMeta } from './toSlimObjectMeta';

const bulky = {
  name: 'run-1',
  namespace: 'mlops-demo',
  uid: 'u-1',
  resourceVersion: '42',
  creationTimestamp: '2026-01-01T00:00:00Z',
  generation: 3,
  labels: { 'model-name': 'anomaly-detector', weird: 7 },
  annotations: {
    'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
    'mlops.dev/requested-by': 'user:default/alice',
    'some.io/serialized': 'x'.repeat(5000),
  },
  managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }],
  ownerReferences: [{ kind: 'Pipeline', name: 'p' }],
  finalizers: ['x'],
};

describe('toSlimObjectMeta', () => {
  it('keeps identity, labels and the annotations the plugin reads; drops the bulk', () => {
    expect(toSlimObjectMeta({ metadata: bulky })).toEqual({
      name: 'run-1',
      namespace: 'mlops-demo',
      uid: 'u-1',
      resourceVersion: '42',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { 'model-name': 'anomaly-detector' },
      annotations: { 'mlops.dev/requested-by': 'user:default/alice' },
    });
  });

  it('refuses objects it cannot key', () => {
    expect(toSlimObjectMeta({ metadata: { name: 'x' } })).toBeUndefined();
    expect(toSlimObjectMeta('nonsense')).toBeUndefined();
    expect(toSlimMlopsObject('pipelineruns', null)).toBeUndefined();
  });

  it('keeps only well-formed conditions', () => {
    expect(
      toSlimConditions([
        { type: 'Ready', status: 'True', reason: 'R', lastProbeTime: 'x' },
        { type: 'Broken' },
        'nonsense',
      ]),
    ).toEqual([{ type: 'Ready', status: 'True', reason: 'R' }]);
  });

  it('freezes what it returns (cached objects are shared)', () => {
    const run = toSlimMlopsObject('pipelineruns', {
      metadata: bulky,
      spec: { params: [{ name: 'a', value: ['x'] }] },
    })!;
    expect(Object.isFrozen(run)).toBe(true);
    expect(Object.isFrozen(run.spec.params![0].value)).toBe(true);
    expect(() => {
      (run.metadata as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});
