import { parseManifests } from './parseManifests';

describe('parseManifests', () => {
  it('reads every document, flattens Lists and skips empty documents', () => {
    const text = [
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}',
      '',
      'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}',
    ].join('\n---\n');
    expect(
      parseManifests(text, 'k8s/x.yaml').map(m => [
        m.document,
        m.object.kind,
        m.object.metadata.name,
      ]),
    ).toEqual([
      [0, 'ServiceAccount', 'a'],
      [2, 'ConfigMap', 'b'],
    ]);
  });

  it.each([
    [
      'kind: ServiceAccount\nmetadata: {name: a}',
      'k8s/x.yaml: document 1 has no apiVersion',
    ],
    [
      'apiVersion: v1\nkind: Pod\nmetadata: {generateName: p-}',
      'k8s/x.yaml: document 1 (Pod) has no metadata.name',
    ],
    ['apiVersion: v1\nkind: [', 'k8s/x.yaml: document 1 is not valid YAML'],
    ['- a\n- b', 'k8s/x.yaml: document 1 is not a Kubernetes object'],
  ])('names the file, document and problem: %j', (text, message) => {
    expect(() => parseManifests(text, 'k8s/x.yaml')).toThrow(message);
  });
});
