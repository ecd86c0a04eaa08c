import { InputError } from '@backstage/errors';
import type { MlopsRunStatus } from '@backstage-mlops/plugin-mlops-common';
import { decodeCursor, encodeCursor } from './cursor';
import { filterByStatus } from './filterByStatus';
import { paginate } from './paginate';
import { at } from './testFixtures';

function item(
  name: string,
  minutes: number,
  status: MlopsRunStatus = 'Succeeded',
) {
  return { name, createdAt: at(minutes * 60), status };
}

/** 7 runs, one created per minute, listed oldest first and shuffled a little. */
const ITEMS = [3, 0, 1, 6, 2, 5, 4].map(m => item(`run-${m}`, m));

function allPages(items: typeof ITEMS, limit: number): string[][] {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = paginate(items, { limit, cursor });
    pages.push(page.items.map(i => i.name));
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe('paginate', () => {
  it('gives the newest first, a page at a time, with the total', () => {
    const first = paginate(ITEMS, { limit: 3 });
    expect(first.items.map(i => i.name)).toEqual(['run-6', 'run-5', 'run-4']);
    expect(first.totalItems).toBe(7);
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it('walks every item exactly once by following nextCursor', () => {
    expect(allPages(ITEMS, 3)).toEqual([
      ['run-6', 'run-5', 'run-4'],
      ['run-3', 'run-2', 'run-1'],
      ['run-0'],
    ]);
    expect(allPages(ITEMS, 7)).toEqual([
      ITEMS.map(i => i.name)
        .sort()
        .reverse(),
    ]);
    expect(paginate(ITEMS, { limit: 7 }).nextCursor).toBeUndefined();
  });

  it('keeps its place when new items arrive between pages', () => {
    const first = paginate(ITEMS, { limit: 3 });
    const grown = [...ITEMS, item('run-7', 7), item('run-8', 8)];
    const second = paginate(grown, { limit: 3, cursor: first.nextCursor });
    expect(second.items.map(i => i.name)).toEqual(['run-3', 'run-2', 'run-1']);
    expect(second.totalItems).toBe(9);
  });

  it('orders items created in the same second by name, stably', () => {
    const same = ['b', 'c', 'a', 'd'].map(name => item(name, 0));
    expect(allPages(same, 1)).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('gives an empty last page when the cursor is past the end', () => {
    const cursor = encodeCursor({ time: 0, name: 'zzz' });
    expect(paginate(ITEMS, { limit: 3, cursor })).toEqual({
      items: [],
      totalItems: 7,
    });
  });

  it('handles an empty list and treats a limit below 1 as 1', () => {
    expect(paginate([], { limit: 25 })).toEqual({ items: [], totalItems: 0 });
    expect(paginate(ITEMS, { limit: 0 }).items).toHaveLength(1);
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['base64url of text', Buffer.from('hello').toString('base64url')],
    [
      'another version',
      Buffer.from(JSON.stringify({ v: 2, t: 1, n: 'x' })).toString('base64url'),
    ],
    [
      'wrong field types',
      Buffer.from(JSON.stringify({ v: 1, t: '1', n: 3 })).toString('base64url'),
    ],
    ['truncated', encodeCursor({ time: 1, name: 'run-1' }).slice(0, 10)],
    ['empty', ''],
  ])(
    'rejects a cursor that is %s with an InputError naming cursor',
    (_, cursor) => {
      expect(() => paginate(ITEMS, { limit: 3, cursor })).toThrow(InputError);
      expect(() => paginate(ITEMS, { limit: 3, cursor })).toThrow(
        /^cursor is not valid/,
      );
    },
  );
});

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a sort key, including names with any characters', () => {
    for (const key of [
      { time: Date.parse(at(0)), name: 'run-1' },
      { time: 0, name: 'ünïcödé/…' },
    ]) {
      const cursor = encodeCursor(key);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).toEqual(key);
    }
  });
});

describe('filterByStatus', () => {
  const items = [
    item('a', 0, 'Succeeded'),
    item('b', 1, 'Failed'),
    item('c', 2, 'Running'),
    item('d', 3, 'TimedOut'),
  ];

  it('keeps the items in any of the statuses', () => {
    expect(
      filterByStatus(items, ['Failed', 'TimedOut']).map(i => i.name),
    ).toEqual(['b', 'd']);
  });

  it('keeps everything without statuses', () => {
    expect(filterByStatus(items, undefined)).toEqual(items);
    expect(filterByStatus(items, [])).toEqual(items);
  });

  it('composes with paginate', () => {
    const page = paginate(filterByStatus(items, ['Succeeded', 'Running']), {
      limit: 1,
    });
    expect(page.items.map(i => i.name)).toEqual(['c']);
    expect(page.totalItems).toBe(2);
  });
});
