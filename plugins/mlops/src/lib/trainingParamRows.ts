import type {
  MlopsParamValue,
  MlopsPipelineParamSpec,
} from '@backstage-mlops/plugin-mlops-common';

/** Params whose values are fixed by the model, shown but not editable. */
const FIXED = new Set(['model-name']);
/** ADR-053's choices, offered as lists when the Pipeline's params are unknown. */
const CHOICES: Record<string, string[]> = {
  'data-source': ['synthetic', 'prometheus', 'hybrid'],
  'health-check-enabled': ['true', 'false'],
};

/**
 * One field of the Run training dialog.
 *
 * @internal
 */
export interface TrainingParamRow {
  name: string;
  type: MlopsPipelineParamSpec['type'];
  description?: string;
  /** The starting value: the dry run's, else the model's, else the default. */
  initial?: MlopsParamValue;
  choices?: string[];
  /** Set from the model; shown, not sent. */
  fixed: boolean;
  /** A run needs a value and nothing provides one by default. */
  required: boolean;
}

function typeOfValue(value: MlopsParamValue): TrainingParamRow['type'] {
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' ? 'string' : 'object';
}

/**
 * The fields of the Run training dialog: every param the Pipeline declares (in its
 * order) prefilled with what the dry run resolved (a rerun's params, the model's
 * values, the defaults); without the declaration, the params of the dry run.
 *
 * @internal
 */
export function trainingParamRows(
  declared: MlopsPipelineParamSpec[] | undefined,
  resolved: Array<{ name: string; value: MlopsParamValue }> | undefined,
): TrainingParamRow[] {
  const resolvedValue = new Map(resolved?.map(p => [p.name, p.value]));
  if (declared) {
    return declared.map(param => {
      const initial =
        resolvedValue.get(param.name) ?? param.fromModel ?? param.default;
      return {
        name: param.name,
        type: param.type,
        description: param.description,
        initial,
        choices: param.enum,
        fixed: FIXED.has(param.name),
        required: param.required,
      };
    });
  }
  return (resolved ?? []).map(({ name, value }) => ({
    name,
    type: typeOfValue(value),
    initial: value,
    choices: CHOICES[name],
    fixed: FIXED.has(name),
    required: false,
  }));
}

/** A row's value as text (array and object params as JSON). */
export function paramText(value: MlopsParamValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The names of the required rows that still have no value, given what was typed.
 *
 * @internal
 */
export function missingParams(
  rows: TrainingParamRow[],
  typed: Record<string, string>,
): string[] {
  return rows
    .filter(row => {
      if (!row.required) return false;
      if (row.type !== 'string') return row.initial === undefined;
      return (typed[row.name] ?? paramText(row.initial)).trim() === '';
    })
    .map(row => row.name);
}

/**
 * The params to send: every row not fixed by the model, with what was typed for
 * string params.
 *
 * @internal
 */
export function paramsToSend(
  rows: TrainingParamRow[],
  typed: Record<string, string>,
): Record<string, MlopsParamValue> {
  const params: Record<string, MlopsParamValue> = {};
  for (const row of rows) {
    if (row.fixed) continue;
    if (row.type === 'string') {
      params[row.name] = typed[row.name] ?? paramText(row.initial);
    } else if (row.initial !== undefined) {
      params[row.name] = row.initial;
    }
  }
  return params;
}
