import { describeMlopsSchemaError } from './schemaErrors';
import { mlopsSummaryRequestSchema } from './summary';

function refs(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `component:default/model-${i}`,
  );
}

describe('mlopsSummaryRequestSchema', () => {
  it('accepts entity refs with or without a namespace, as given', () => {
    const body = {
      entityRefs: [
        'component:default/anomaly-detector',
        'Component:team-b/churn_predictor.v2',
        'component:forecast',
      ],
    };
    expect(mlopsSummaryRequestSchema.parse(body)).toEqual(body);
    expect(mlopsSummaryRequestSchema.parse({ entityRefs: [] })).toEqual({
      entityRefs: [],
    });
    expect(
      mlopsSummaryRequestSchema.parse({ entityRefs: refs(500) }).entityRefs,
    ).toHaveLength(500);
  });

  it.each([
    [undefined, /^the request body must be a JSON object with entityRefs$/],
    [{}, /^entityRefs must be an array of entity refs$/],
    [{ entityRefs: 'component:default/x' }, /^entityRefs must be an array/],
    [
      { entityRefs: refs(501) },
      /^entityRefs must hold at most 500 entity refs, got 501$/,
    ],
    [
      { entityRefs: ['anomaly-detector'] },
      /^entityRefs\[0\] "anomaly-detector" is not an entity ref of the form kind:namespace\/name$/,
    ],
    [
      { entityRefs: ['component:default/has space'] },
      /^entityRefs\[0\] "component:default\/has space" is not an entity ref/,
    ],
    [
      { entityRefs: ['component:default/a', 42] },
      /^entityRefs\[1\] is not a string$/,
    ],
    [
      { entityRefs: [`component:default/${'a'.repeat(300)}`] },
      /^entityRefs\[0\] is longer than 255 characters$/,
    ],
  ])('rejects %j with a message naming the field', (body, message) => {
    const result = mlopsSummaryRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(describeMlopsSchemaError(result.error!)).toMatch(message);
  });

  it('names every bad entry, with its index in the path', () => {
    const result = mlopsSummaryRequestSchema.safeParse({
      entityRefs: ['component:default/ok', 'bad', 'component:default/also ok?'],
    });
    expect(result.error?.issues.map(issue => issue.path)).toEqual([
      ['entityRefs', 1],
      ['entityRefs', 2],
    ]);
  });
});
