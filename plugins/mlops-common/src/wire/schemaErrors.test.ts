import { z } from 'zod';
import { describeMlopsSchemaError } from './schemaErrors';

describe('describeMlopsSchemaError', () => {
  const schema = z.object({
    limit: z.number({ error: 'limit must be a number' }),
    params: z.record(z.string(), z.string({ error: 'must be a string' })),
    nested: z.object({ name: z.string({ error: 'must be a string' }) }),
  });

  function describeOf(value: unknown): string {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected a failure');
    return describeMlopsSchemaError(result.error);
  }

  it('puts the field path in front of a message that does not name it', () => {
    expect(
      describeOf({
        limit: 1,
        params: { 'data-source': 1 },
        nested: { name: 2 },
      }),
    ).toBe('params.data-source must be a string; nested.name must be a string');
  });

  it('keeps a message that starts with its field', () => {
    expect(describeOf({ limit: 'x', params: {}, nested: { name: 'n' } })).toBe(
      'limit must be a number',
    );
  });

  it('keeps a message about the whole value as it is', () => {
    expect(
      describeMlopsSchemaError({
        issues: [{ message: 'the body must be a JSON object', path: [] }],
      }),
    ).toBe('the body must be a JSON object');
  });
});
