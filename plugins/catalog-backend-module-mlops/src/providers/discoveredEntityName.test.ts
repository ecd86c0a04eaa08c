import { discoveredEntityName } from './discoveredEntityName';

const VALID_NAME = /^[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?$/;

describe('discoveredEntityName', () => {
  it('joins plain parts with dots', () => {
    expect(
      discoveredEntityName(['anomaly-detector', 'mlops-demo', 'dev']),
    ).toBe('anomaly-detector.mlops-demo.dev');
  });

  it('cuts long names to 63 characters with a stable hash, distinct per identity', () => {
    const model = 'a-very-long-model-name-that-goes-on-and-on-and-on';
    const one = discoveredEntityName([model, 'namespace-one', 'prod']);
    const two = discoveredEntityName([model, 'namespace-two', 'prod']);
    expect(one.length).toBeLessThanOrEqual(63);
    expect(one).toMatch(VALID_NAME);
    expect(one).toMatch(/-[0-9a-f]{8}$/);
    expect(one).not.toBe(two);
    expect(discoveredEntityName([model, 'namespace-one', 'prod'])).toBe(one);
  });

  it('cleans characters an entity name cannot hold, and hashes so that cleaned look-alikes stay apart', () => {
    const slash = discoveredEntityName(['m', 'ns', 'eu/prod']);
    const colon = discoveredEntityName(['m', 'ns', 'eu:prod']);
    expect(slash).toMatch(VALID_NAME);
    expect(slash.startsWith('m.ns.eu-prod-')).toBe(true);
    expect(slash).not.toBe(colon);
    // A dot inside a part would make the parts ambiguous: hashed too.
    expect(discoveredEntityName(['m.v2', 'ns', 'dev'])).toMatch(
      /^m-v2\.ns\.dev-[0-9a-f]{8}$/,
    );
  });

  it('hashes the identity when it has more to it than the readable parts', () => {
    const a = discoveredEntityName(
      ['train', 'm', 'ns', 'dev'],
      ['a/train.ipynb'],
    );
    const b = discoveredEntityName(
      ['train', 'm', 'ns', 'dev'],
      ['b/train.ipynb'],
    );
    expect(a).not.toBe(b);
    expect(a.startsWith('train.m.ns.dev-')).toBe(true);
  });
});
