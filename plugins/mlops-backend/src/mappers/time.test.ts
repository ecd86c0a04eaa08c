import { createdAtOf } from './time';

describe('createdAtOf', () => {
  it('falls back for the creation time', () => {
    expect(createdAtOf({ creationTimestamp: '2026-05-01T10:00:00Z' })).toBe(
      '2026-05-01T10:00:00Z',
    );
    expect(createdAtOf({}, undefined, '2026-05-01T11:00:00Z')).toBe(
      '2026-05-01T11:00:00Z',
    );
    expect(createdAtOf({})).toBe('1970-01-01T00:00:00Z');
  });
  it('is the creation time on a live cluster, where runs start after creation', () => {
    expect(
      createdAtOf(
        { creationTimestamp: '2026-05-01T10:00:00Z' },
        '2026-05-01T10:00:02Z',
      ),
    ).toBe('2026-05-01T10:00:00Z');
  });

  it('is the start time for a restored object whose creation time is the restore time', () => {
    expect(
      createdAtOf(
        { creationTimestamp: '2026-05-03T09:00:00Z' },
        '2026-04-20T02:00:00Z',
      ),
    ).toBe('2026-04-20T02:00:00Z');
  });

  it('falls back to the other times, then the epoch', () => {
    expect(createdAtOf({}, undefined, '2026-05-01T11:00:00Z')).toBe(
      '2026-05-01T11:00:00Z',
    );
    expect(createdAtOf({})).toBe('1970-01-01T00:00:00Z');
  });
});
