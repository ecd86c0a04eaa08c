import { TargetCache } from './TargetCache';

describe('TargetCache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 0;
  });

  it('answers repeated and concurrent lookups of a key with one load, until the TTL', async () => {
    const cache = new TargetCache<string>(5000, 100, clock);
    const load = jest.fn(async () => 'entity');
    await Promise.all([cache.get('a', load), cache.get('a', load)]);
    now = 4999;
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(1);
    now = 5000;
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep failures', async () => {
    const cache = new TargetCache<string>(5000, 100, clock);
    await expect(
      cache.get('a', () => Promise.reject(new Error('denied'))),
    ).rejects.toThrow('denied');
    await expect(cache.get('a', async () => 'ok')).resolves.toBe('ok');
  });

  it('loads every time when the TTL is 0', async () => {
    const cache = new TargetCache<string>(0, 100, clock);
    const load = jest.fn(async () => 'x');
    await cache.get('a', load);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stays within its size bound', async () => {
    const cache = new TargetCache<number>(60_000, 3, clock);
    for (let i = 0; i < 10; i++) {
      now = i;
      await cache.get(`k${i}`, async () => i);
    }
    const load = jest.fn(async () => -1);
    expect(await cache.get('k9', load)).toBe(9);
    expect(await cache.get('k0', load)).toBe(-1);
  });
});
