import { ExponentialBackoff } from './ExponentialBackoff';

describe('ExponentialBackoff', () => {
  it('doubles from 1 s up to the 30 s cap', () => {
    const backoff = ExponentialBackoff.create({ random: () => 0 });
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoff.attempts).toBe(8);
  });

  it('shortens each delay by up to half at random (jitter)', () => {
    const max = ExponentialBackoff.create({ random: () => 0.999999 });
    expect(max.next()).toBe(500);
    expect(max.next()).toBe(1000);
    const mid = ExponentialBackoff.create({
      random: () => 0.5,
      initialMs: 100,
      maxMs: 400,
    });
    expect([mid.next(), mid.next(), mid.next(), mid.next()]).toEqual([
      75, 150, 300, 300,
    ]);
  });

  it('starts over after a success', () => {
    const backoff = ExponentialBackoff.create({ random: () => 0 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });

  it('spreads the retries of many watches failing together', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => ExponentialBackoff.create().next()),
    );
    expect(delays.size).toBeGreaterThan(20);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThanOrEqual(1000);
    }
  });
});
