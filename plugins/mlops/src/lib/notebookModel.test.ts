import { entity } from '../__testUtils__/fixtures';
import { normalizeNotebookPath, notebookModelRef } from './notebookModel';

describe('notebookModelRef', () => {
  it('reads spec.subcomponentOf, completing a short ref', () => {
    expect(
      notebookModelRef(
        entity({
          type: 'notebook',
          spec: { subcomponentOf: 'anomaly-detector' },
        }),
      ),
    ).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'anomaly-detector',
    });
  });

  it('falls back to a partOf relation to a component, ignoring the system', () => {
    expect(
      notebookModelRef(
        entity({
          type: 'notebook',
          relations: [
            { type: 'partOf', targetRef: 'system:default/platform' },
            { type: 'partOf', targetRef: 'component:team-a/churn' },
          ],
        }),
      ),
    ).toEqual({ kind: 'component', namespace: 'team-a', name: 'churn' });
  });

  it('is undefined for a notebook of no model', () => {
    expect(notebookModelRef(entity({ type: 'notebook' }))).toBeUndefined();
  });
});

describe('normalizeNotebookPath', () => {
  it('drops a leading ./ or / and spaces', () => {
    expect(normalizeNotebookPath(' ./notebooks/a.ipynb ')).toBe(
      'notebooks/a.ipynb',
    );
    expect(normalizeNotebookPath('/notebooks/a.ipynb')).toBe(
      'notebooks/a.ipynb',
    );
  });
});
