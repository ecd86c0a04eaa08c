import {
  runTimes,
  nanosecondsToSeconds,
  parseGoDuration,
  secondsBetween,
  validTime,
} from './time';

describe('time helpers', () => {
  it.each([
    ['5m30s', 330],
    ['1h0m0s', 3600],
    ['1.234s', 1.234],
    ['250ms', 0.25],
    ['1m2.5s', 62.5],
    ['0s', 0],
    ['0', 0],
    ['1500us', 0.0015],
    ['2µs', 0.000002],
    ['10ns', 0.00000001],
  ])('parses the Go duration %s as %s seconds', (text, seconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', '5 minutes', '5x', 's', '1h-3m', undefined])(
    'rejects the Go duration %p',
    text => {
      expect(parseGoDuration(text)).toBeUndefined();
    },
  );

  it('measures seconds between timestamps, only forwards', () => {
    expect(secondsBetween('2026-05-01T10:00:00Z', '2026-05-01T10:01:30Z')).toBe(
      90,
    );
    expect(
      secondsBetween('2026-05-01T10:01:30Z', '2026-05-01T10:00:00Z'),
    ).toBeUndefined();
    expect(secondsBetween('2026-05-01T10:00:00Z', undefined)).toBeUndefined();
    expect(secondsBetween('yesterday', '2026-05-01T10:00:00Z')).toBeUndefined();
  });

  it('gives the times of a run that parse, and its duration when both do', () => {
    expect(runTimes('2026-05-01T10:00:00Z', '2026-05-01T10:02:30Z')).toEqual({
      startedAt: '2026-05-01T10:00:00Z',
      completedAt: '2026-05-01T10:02:30Z',
      durationSeconds: 150,
    });
    expect(runTimes('2026-05-01T10:00:00Z', undefined)).toEqual({
      startedAt: '2026-05-01T10:00:00Z',
    });
    expect(runTimes('not a time', '2026-05-01T10:02:30Z')).toEqual({
      completedAt: '2026-05-01T10:02:30Z',
    });
  });

  it('converts nanoseconds', () => {
    expect(nanosecondsToSeconds(214_512_000_000)).toBe(214.512);
    expect(nanosecondsToSeconds(-1)).toBeUndefined();
    expect(nanosecondsToSeconds('5')).toBeUndefined();
  });

  it('keeps valid times as written and drops the rest', () => {
    expect(validTime('2026-05-01T10:00:00+02:00')).toBe(
      '2026-05-01T10:00:00+02:00',
    );
    expect(validTime('soon')).toBeUndefined();
  });
});
