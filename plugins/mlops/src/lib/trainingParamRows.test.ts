import {
  missingParams,
  paramsToSend,
  trainingParamRows,
} from './trainingParamRows';

describe('trainingParamRows', () => {
  const declared = [
    {
      name: 'model-name',
      type: 'string' as const,
      fromModel: 'anomaly-detector',
      required: false,
    },
    { name: 'notebook-path', type: 'string' as const, required: true },
    {
      name: 'git-ref',
      type: 'string' as const,
      default: 'main',
      required: false,
    },
    { name: 'extra', type: 'array' as const, default: ['-v'], required: false },
  ];

  it("prefills every declared param with the dry run's value, else the model's, else the default", () => {
    const rows = trainingParamRows(declared, [
      { name: 'git-ref', value: 'v2' },
    ]);
    expect(rows.map(r => [r.name, r.initial, r.fixed, r.required])).toEqual([
      ['model-name', 'anomaly-detector', true, false],
      ['notebook-path', undefined, false, true],
      ['git-ref', 'v2', false, false],
      ['extra', ['-v'], false, false],
    ]);
  });

  it('names the required params still empty, and sends what was typed', () => {
    const rows = trainingParamRows(declared, undefined);
    expect(missingParams(rows, {})).toEqual(['notebook-path']);
    expect(missingParams(rows, { 'notebook-path': '  ' })).toEqual([
      'notebook-path',
    ]);
    expect(missingParams(rows, { 'notebook-path': 'nb.ipynb' })).toEqual([]);
    expect(paramsToSend(rows, { 'notebook-path': 'nb.ipynb' })).toEqual({
      'notebook-path': 'nb.ipynb',
      'git-ref': 'main',
      extra: ['-v'],
    });
  });

  it("falls back to the dry run's params, with ADR-053's choices", () => {
    const rows = trainingParamRows(undefined, [
      { name: 'model-name', value: 'anomaly-detector' },
      { name: 'data-source', value: 'synthetic' },
    ]);
    expect(rows).toEqual([
      {
        name: 'model-name',
        type: 'string',
        initial: 'anomaly-detector',
        fixed: true,
        required: false,
      },
      {
        name: 'data-source',
        type: 'string',
        initial: 'synthetic',
        choices: ['synthetic', 'prometheus', 'hybrid'],
        fixed: false,
        required: false,
      },
    ]);
  });
});
