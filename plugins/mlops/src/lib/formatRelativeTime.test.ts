import { formatAbsoluteTime, formatRelativeTime } from './formatRelativeTime';

describe('formatRelativeTime', () => {
  const now = Date.parse('2025-01-10T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it.each([
    [10, 'just now'],
    [50, '1 minute ago'],
    [120, '2 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [26 * 3600, 'yesterday'],
    [9 * 86400, 'last week'],
    [-2 * 3600, 'in 2 hours'],
  ])('%s seconds ago reads "%s"', (seconds, text) => {
    expect(formatRelativeTime(ago(seconds), now)).toBe(text);
  });

  it('leaves what is not a time unchanged', () => {
    expect(formatRelativeTime('soon', now)).toBe('soon');
    expect(formatAbsoluteTime('soon')).toBe('soon');
  });

  it('gives the absolute time with date and seconds', () => {
    expect(formatAbsoluteTime('2025-01-10T12:00:05Z')).toMatch(
      /Jan 10, 2025.*\d{1,2}:\d{2}:05/,
    );
  });
});
