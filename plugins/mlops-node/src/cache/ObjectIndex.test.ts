import type { SlimObjectMeta } from '../kinds/objectMeta';
import { ObjectIndex } from './ObjectIndex';

type Obj = { metadata: SlimObjectMeta };

function obj(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  rv = '1',
): Obj {
  return {
    metadata: {
      namespace,
      name,
      uid: `${namespace}/${name}`,
      resourceVersion: rv,
      labels,
    },
  };
}

const names = (objects: Obj[]) => objects.map(o => o.metadata.name).sort();

describe('ObjectIndex', () => {
  function filled() {
    const index = ObjectIndex.create<Obj>([
      'model-name',
      'tekton.dev/pipeline',
    ]);
    index.upsert(
      obj('a', 'r1', {
        'model-name': 'm1',
        'tekton.dev/pipeline': 'p',
        trigger: 'cron',
      }),
    );
    index.upsert(obj('a', 'r2', { 'model-name': 'm1', trigger: 'user' }));
    index.upsert(
      obj('a', 'r3', { 'model-name': 'm2', 'tekton.dev/pipeline': 'p' }),
    );
    index.upsert(obj('b', 'r1', { 'model-name': 'm1' }));
    return index;
  }

  it('answers by namespace, name, indexed labels and other labels', () => {
    const index = filled();
    expect(index.size).toBe(4);
    expect(names(index.query('a'))).toEqual(['r1', 'r2', 'r3']);
    expect(names(index.query('a', 'r2'))).toEqual(['r2']);
    expect(index.query('a', 'nope')).toEqual([]);
    expect(names(index.query('a', undefined, { 'model-name': 'm1' }))).toEqual([
      'r1',
      'r2',
    ]);
    expect(
      names(
        index.query('a', undefined, {
          'model-name': 'm1',
          'tekton.dev/pipeline': 'p',
        }),
      ),
    ).toEqual(['r1']);
    expect(names(index.query('a', undefined, { trigger: 'user' }))).toEqual([
      'r2',
    ]);
    expect(
      names(
        index.query('a', undefined, { 'model-name': 'm1', trigger: 'cron' }),
      ),
    ).toEqual(['r1']);
    expect(index.query('a', undefined, { 'model-name': 'none' })).toEqual([]);
    expect(index.query('c')).toEqual([]);
    expect(names(index.query('a', 'r1', { 'model-name': 'm2' }))).toEqual([]);
  });

  it('re-indexes an object whose labels changed, and forgets removed ones', () => {
    const index = filled();
    const previous = index.upsert(obj('a', 'r2', { 'model-name': 'm2' }, '2'));
    expect(previous?.metadata.resourceVersion).toBe('1');
    expect(names(index.query('a', undefined, { 'model-name': 'm1' }))).toEqual([
      'r1',
    ]);
    expect(names(index.query('a', undefined, { 'model-name': 'm2' }))).toEqual([
      'r2',
      'r3',
    ]);
    expect(index.remove('a', 'r3')?.metadata.name).toBe('r3');
    expect(index.remove('a', 'r3')).toBeUndefined();
    expect(names(index.query('a', undefined, { 'model-name': 'm2' }))).toEqual([
      'r2',
    ]);
    expect(index.size).toBe(3);
  });

  it('replaces everything at once and reports the difference', () => {
    const index = filled();
    const diff = index.replaceAll([
      obj('a', 'r1', {
        'model-name': 'm1',
        'tekton.dev/pipeline': 'p',
        trigger: 'cron',
      }),
      obj('a', 'r2', { 'model-name': 'm1' }, '9'),
      obj('c', 'new'),
    ]);
    expect({
      added: names(diff.added),
      modified: names(diff.modified),
      deleted: diff.deleted
        .map(o => `${o.metadata.namespace}/${o.metadata.name}`)
        .sort(),
    }).toEqual({ added: ['new'], modified: ['r2'], deleted: ['a/r3', 'b/r1'] });
    expect(index.size).toBe(3);
    expect(names(index.query('a', undefined, { 'model-name': 'm1' }))).toEqual([
      'r1',
      'r2',
    ]);
    expect(index.query('b')).toEqual([]);
  });
});
