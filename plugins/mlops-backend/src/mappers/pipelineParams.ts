import type {
  MlopsParamValue,
  MlopsPipelineParamSpec,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimPipelineParam } from '@backstage-mlops/plugin-mlops-node';
import { z } from 'zod';

/** ADR-053's choices for params the Pipeline leaves open (as the run action checks them). */
const ADR_053_CHOICES: Record<string, string[]> = {
  'data-source': ['synthetic', 'prometheus', 'hybrid'],
  'health-check-enabled': ['true', 'false'],
};

const paramValueSchema: z.ZodType<MlopsParamValue> = z.union([
  z.string(),
  z.array(z.string()),
  z.record(z.string(), z.string()),
]);

function typeOf(param: SlimPipelineParam): MlopsPipelineParamSpec['type'] {
  return param.type === 'array' || param.type === 'object'
    ? param.type
    : 'string';
}

/** A default as a param value; other JSON (a number, a nested object) as its text. */
function defaultOf(value: unknown): MlopsParamValue | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = paramValueSchema.safeParse(value);
  return parsed.success ? parsed.data : JSON.stringify(value);
}

/**
 * The declared params of a training Pipeline as the Run training dialog needs them:
 * type, description, default, allowed values, the value the backend sets from the
 * model (`model-name`, `inference-service-name`), and whether a run needs a value.
 *
 * @internal
 */
export function toPipelineParamSpecs(
  declared: SlimPipelineParam[],
  model: { modelName: string; inferenceService?: string },
): MlopsPipelineParamSpec[] {
  const fromModel: Record<string, string | undefined> = {
    'model-name': model.modelName,
    'inference-service-name': model.inferenceService,
  };
  return declared.map(param => {
    const spec: MlopsPipelineParamSpec = {
      name: param.name,
      type: typeOf(param),
      required: false,
    };
    if (param.description) spec.description = param.description;
    const fallback = defaultOf(param.default);
    if (fallback !== undefined) spec.default = fallback;
    const choices =
      param.enum && param.enum.length > 0
        ? param.enum
        : ADR_053_CHOICES[param.name];
    if (choices && spec.type === 'string') spec.enum = choices;
    const modelValue = fromModel[param.name];
    if (modelValue !== undefined) spec.fromModel = modelValue;
    spec.required = fallback === undefined && modelValue === undefined;
    return spec;
  });
}
