import { toPipelineParamSpecs } from './pipelineParams';

describe('toPipelineParamSpecs', () => {
  const model = { modelName: 'anomaly-detector' };

  it('keeps the declared order, types, descriptions and defaults, and marks params without a default as required', () => {
    expect(
      toPipelineParamSpecs(
        [
          { name: 'model-name', type: 'string', description: 'The model' },
          { name: 'notebook-path', description: 'Notebook to run' },
          { name: 'epochs', type: 'string', default: '10' },
          { name: 'extra-args', type: 'array', default: ['--fast'] },
          { name: 'labels', type: 'object' },
        ],
        model,
      ),
    ).toEqual([
      {
        name: 'model-name',
        type: 'string',
        description: 'The model',
        fromModel: 'anomaly-detector',
        required: false,
      },
      {
        name: 'notebook-path',
        type: 'string',
        description: 'Notebook to run',
        required: true,
      },
      { name: 'epochs', type: 'string', default: '10', required: false },
      {
        name: 'extra-args',
        type: 'array',
        default: ['--fast'],
        required: false,
      },
      { name: 'labels', type: 'object', required: true },
    ]);
  });

  it("offers the Pipeline's enum, else ADR-053's choices for data-source and health-check-enabled", () => {
    const [mode, source, check] = toPipelineParamSpecs(
      [
        { name: 'mode', enum: ['fast', 'full'], default: 'fast' },
        { name: 'data-source', default: 'synthetic' },
        { name: 'health-check-enabled', default: 'true' },
      ],
      model,
    );
    expect(mode.enum).toEqual(['fast', 'full']);
    expect(source.enum).toEqual(['synthetic', 'prometheus', 'hybrid']);
    expect(check.enum).toEqual(['true', 'false']);
  });

  it('takes inference-service-name from the entity when it names one, else requires it', () => {
    const declared = [{ name: 'inference-service-name' }];
    expect(
      toPipelineParamSpecs(declared, {
        ...model,
        inferenceService: 'anomaly-detector',
      })[0],
    ).toMatchObject({ fromModel: 'anomaly-detector', required: false });
    expect(toPipelineParamSpecs(declared, model)[0].required).toBe(true);
  });

  it('turns a default that is no param value into its text', () => {
    expect(
      toPipelineParamSpecs([{ name: 'epochs', default: 10 }], model)[0].default,
    ).toBe('10');
  });
});
