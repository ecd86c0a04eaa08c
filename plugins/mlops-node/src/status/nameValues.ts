import type {
  MlopsNameValue,
  MlopsParamValue,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimNameValue } from '../kinds/objectMeta';

function scalarText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * A Tekton param or result value narrowed to what the wire carries: strings stay
 * strings, arrays become arrays of strings, objects become objects of strings, and
 * other values are written as text.
 *
 * @public
 */
export function toParamValue(value: unknown): MlopsParamValue {
  if (Array.isArray(value)) {
    return value.map(scalarText);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, scalarText(item)]),
    );
  }
  return scalarText(value);
}

/**
 * Tekton params or results for the wire; entries without a name are dropped.
 *
 * @public
 */
export function toNameValues(
  list: SlimNameValue[] | undefined,
): MlopsNameValue[] {
  return (list ?? [])
    .filter(item => typeof item?.name === 'string' && item.name !== '')
    .map(item => ({ name: item.name, value: toParamValue(item.value) }));
}
