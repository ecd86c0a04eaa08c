import { formatDuration, runDuration } from './formatDuration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [42.4, '42s'],
    [60, '1m 00s'],
    [185, '3m 05s'],
    [3720, '1h 02m'],
    [2 * 86400 + 3 * 3600 + 59, '2d 3h'],
    [-5, '0s'],
  ])('%s seconds is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('runDuration', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it('prefers the recorded duration', () => {
    expect(runDuration({ durationSeconds: 90 }, now)).toEqual({
      seconds: 90,
      running: false,
    });
  });

  it('computes it from start and completion', () => {
    expect(
      runDuration(
        {
          startedAt: '2025-01-01T11:00:00Z',
          completedAt: '2025-01-01T11:01:30Z',
        },
        now,
      ),
    ).toEqual({ seconds: 90, running: false });
  });

  it('counts the elapsed time of a running item', () => {
    expect(runDuration({ startedAt: '2025-01-01T11:55:00Z' }, now)).toEqual({
      seconds: 300,
      running: true,
    });
  });

  it('knows nothing before the start', () => {
    expect(runDuration({}, now)).toBeUndefined();
    expect(runDuration({ startedAt: 'not a time' }, now)).toBeUndefined();
  });
});
