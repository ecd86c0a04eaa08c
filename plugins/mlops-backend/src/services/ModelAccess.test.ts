import { ModelAccess } from './ModelAccess';

describe('ModelAccess.parseRef', () => {
  it('normalizes a ref string and a kind/namespace/name triple', () => {
    expect(ModelAccess.parseRef('Component:default/Anomaly-Detector')).toBe(
      'component:default/anomaly-detector',
    );
    expect(ModelAccess.parseRef('component:fraud')).toBe(
      'component:default/fraud',
    );
    expect(
      ModelAccess.parseRef({
        kind: 'Component',
        namespace: 'default',
        name: 'm',
      }),
    ).toBe('component:default/m');
  });

  it('refuses a triple that does not read back as itself, naming the entity ref', () => {
    for (const triple of [
      { kind: '../../etc/passwd', namespace: 'default', name: 'm' },
      { kind: 'component', namespace: 'a/b', name: 'm' },
      { kind: 'a:b', namespace: 'default', name: 'm' },
    ]) {
      expect(() => ModelAccess.parseRef(triple)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(/^invalid entity ref: /),
        }),
      );
    }
  });

  it('refuses a malformed ref string', () => {
    expect(() => ModelAccess.parseRef('component:')).toThrow(
      /^invalid entity ref: /,
    );
  });
});
