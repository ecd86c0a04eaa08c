import { projectMlopsObject } from './projectors';
import { projectConditions, projectObjectMeta } from './projectObjectMeta';

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

describe('projectObjectMeta', () => {
  it('keeps identity, labels and the annotations the plugin reads; drops the bulk', () => {
    expect(projectObjectMeta({ metadata: bulky })).toEqual({
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
    expect(projectObjectMeta({ metadata: { name: 'x' } })).toBeUndefined();
    expect(projectObjectMeta('nonsense')).toBeUndefined();
    expect(projectMlopsObject('pipelineruns', null)).toBeUndefined();
  });

  it('keeps only well-formed conditions', () => {
    expect(
      projectConditions([
        { type: 'Ready', status: 'True', reason: 'R', lastProbeTime: 'x' },
        { type: 'Broken' },
        'nonsense',
      ]),
    ).toEqual([{ type: 'Ready', status: 'True', reason: 'R' }]);
  });

  it('freezes what it returns (cached objects are shared)', () => {
    const run = projectMlopsObject('pipelineruns', {
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
