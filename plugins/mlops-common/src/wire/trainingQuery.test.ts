import { describeMlopsSchemaError } from './schemaErrors';
import { mlopsTrainingQuerySchema } from './trainingQuery';

function parse(query: Record<string, unknown>) {
  return mlopsTrainingQuerySchema.safeParse(query);
}

function errorOf(query: Record<string, unknown>): string {
  const result = parse(query);
  if (result.success) {
    throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
  }
  return describeMlopsSchemaError(result.error);
}

describe('mlopsTrainingQuerySchema', () => {
  it('defaults to 25 items of every status from the start', () => {
    expect(parse({})).toEqual({ success: true, data: { limit: 25 } });
    expect(parse({ status: '', limit: '', cursor: '' })).toEqual({
      success: true,
      data: { limit: 25 },
    });
  });

  it('reads a status list, case-insensitively, repeated or comma-separated', () => {
    expect(parse({ status: 'Failed' }).data).toEqual({
      limit: 25,
      status: ['Failed'],
    });
    expect(parse({ status: 'failed, timedout,Failed' }).data?.status).toEqual([
      'Failed',
      'TimedOut',
    ]);
    expect(
      parse({ status: ['Running', 'pending,Cancelling'] }).data?.status,
    ).toEqual(['Running', 'Pending', 'Cancelling']);
  });

  it('reads limit and cursor, and ignores other parameters', () => {
    expect(parse({ limit: '200', cursor: 'eyJ2IjoxfQ', page: '3' })).toEqual({
      success: true,
      data: { limit: 200, cursor: 'eyJ2IjoxfQ' },
    });
    expect(parse({ limit: 1 }).data).toEqual({ limit: 1 });
  });

  it.each([
    [
      { status: 'Done' },
      /^status "Done" is not a run status; use one of Succeeded, Failed, Running, Pending, Cancelled, Cancelling, TimedOut, Unknown$/,
    ],
    [{ status: { a: 'b' } }, /^status must be a comma-separated list/],
    [{ limit: '0' }, /^limit must be a whole number from 1 to 200, got "0"$/],
    [{ limit: '201' }, /^limit must be a whole number from 1 to 200/],
    [
      { limit: 'ten' },
      /^limit must be a whole number from 1 to 200, got "ten"$/,
    ],
    [{ limit: '2.5' }, /^limit must be a whole number/],
    [{ limit: ['5', '6'] }, /^limit must be a whole number/],
    [{ cursor: ['a', 'b'] }, /^cursor must be a single value/],
    [{ cursor: 'x'.repeat(2000) }, /^cursor must be a single value/],
  ])('rejects %j with a message naming the field', (query, message) => {
    expect(errorOf(query)).toMatch(message);
  });

  it('reports every bad field at once, each with its path', () => {
    const result = parse({ status: 'nope', limit: '-1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(issue => issue.path)).toEqual([
      ['status'],
      ['limit'],
    ]);
  });
});
