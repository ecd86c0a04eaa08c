import { InputError } from '@backstage/errors';
import type { MlopsParamValue } from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';
import type { SlimPipelineParam } from '../kinds/tekton';
import type { MlopsGivenParamValue } from './types';

/** ADR-053's data sources of a training run. */
export const TRAINING_DATA_SOURCES = ['synthetic', 'prometheus', 'hybrid'];

/** Params whose value comes from the model's entity, not from the caller. */
const MODEL_NAME_PARAM = 'model-name';
const INFERENCE_SERVICE_PARAM = 'inference-service-name';

/**
 * What {@link resolveTrainingParams} needs.
 *
 * @internal
 */
export interface ResolveTrainingParamsOptions {
  /** The Pipeline's name, for messages. */
  pipeline: string;
  /** The params the Pipeline declares. */
  declared: SlimPipelineParam[];
  /** What the caller asked for. */
  given?: Record<string, MlopsGivenParamValue>;
  /** The model's `model-name`: the value of the `model-name` param. */
  modelName: string;
  /** The default of `inference-service-name`. */
  inferenceService?: string;
  /**
   * Values for params that have neither a given value nor a default (e.g. the
   * `notebook-path` of the model's previous run).
   */
  fallback?: Record<string, MlopsParamValue>;
}

function asParamValue(value: MlopsGivenParamValue): MlopsParamValue {
  return typeof value === 'boolean' || typeof value === 'number'
    ? String(value)
    : value;
}

function oneOf(values: readonly string[]) {
  return z.enum(values as [string, ...string[]], {
    error: `must be one of ${values.join(', ')}`,
  });
}

/** The zod schema of one declared param: its type, its enum, ADR-053's rules. */
function paramSchema(param: SlimPipelineParam): z.ZodType<MlopsParamValue> {
  if (param.type === 'array') {
    return z.array(z.string(), { error: 'must be an array of strings' });
  }
  if (param.type === 'object') {
    return z.record(z.string(), z.string(), {
      error: 'must be an object of strings',
    });
  }
  if (param.enum && param.enum.length > 0) {
    return oneOf(param.enum);
  }
  if (param.name === 'data-source') {
    return oneOf(TRAINING_DATA_SOURCES);
  }
  if (param.name === 'health-check-enabled') {
    return oneOf(['true', 'false']);
  }
  return z.string({ error: 'must be a string' });
}

/**
 * The params of a training PipelineRun: the caller's values, the model's
 * (`model-name`, `inference-service-name`), the Pipeline's defaults, then the fallback,
 * validated against the Pipeline's declared params (type, enum, ADR-053's
 * `data-source` and `health-check-enabled` values) in declared order. Throws one
 * `InputError` naming every bad param.
 *
 * @internal
 */
export function resolveTrainingParams(
  options: ResolveTrainingParamsOptions,
): Array<{ name: string; value: MlopsParamValue }> {
  const { pipeline, declared, modelName } = options;
  const given = options.given ?? {};
  const problems: string[] = [];
  const declaredNames = new Set(declared.map(p => p.name));

  for (const name of Object.keys(given)) {
    if (!declaredNames.has(name)) {
      problems.push(
        `params.${name} is not a param of Pipeline ${pipeline} (it declares ${
          [...declaredNames].join(', ') || 'none'
        })`,
      );
    }
  }
  const givenModel = given[MODEL_NAME_PARAM];
  if (givenModel !== undefined && asParamValue(givenModel) !== modelName) {
    problems.push(
      `params.${MODEL_NAME_PARAM} must be ${JSON.stringify(
        modelName,
      )}, the model of the entity`,
    );
  }

  const derived: Record<string, MlopsParamValue | undefined> = {
    [MODEL_NAME_PARAM]: modelName,
    [INFERENCE_SERVICE_PARAM]: options.inferenceService,
  };
  const result: Array<{ name: string; value: MlopsParamValue }> = [];
  for (const param of declared) {
    const raw =
      given[param.name] !== undefined
        ? asParamValue(given[param.name])
        : derived[param.name] ??
          (param.default as MlopsParamValue | undefined) ??
          options.fallback?.[param.name];
    if (raw === undefined) {
      problems.push(
        `params.${param.name} is required: Pipeline ${pipeline} gives it no default`,
      );
      continue;
    }
    const parsed = paramSchema(param).safeParse(raw);
    if (!parsed.success) {
      problems.push(
        `params.${param.name} ${parsed.error.issues
          .map(i => i.message)
          .join('; ')} (got ${JSON.stringify(raw)})`,
      );
      continue;
    }
    result.push({ name: param.name, value: parsed.data });
  }

  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
  return result;
}
