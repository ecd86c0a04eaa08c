import {
  toMlopsErrorCategory,
  type MlopsErrorCategory,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * One cell of the operator's "Results Summary:" block.
 *
 * @internal
 */
export interface ValidationResultsCell {
  index: number;
  /** `code` or `markdown`. */
  type?: string;
  executionCount?: number;
  status?: string;
  error?: string;
  traceback?: string[];
}

/**
 * The JSON block the Jupyter Notebook Validator Operator's papermill script prints
 * after `Results Summary:` at the end of the validation pod's log, with its keys in
 * camelCase.
 *
 * @internal
 */
export interface ValidationResultsSummary {
  /** `succeeded` or `failed`. */
  status?: string;
  error?: string;
  exitCode?: number;
  notebookPath?: string;
  executionDurationSeconds?: number;
  timestamp?: string;
  /** `error_category`; values the operator does not define become `unknown`. */
  errorCategory?: MlopsErrorCategory;
  cells: ValidationResultsCell[];
  statistics?: {
    totalCells?: number;
    codeCells?: number;
    failedCells?: number;
    successRate?: number;
  };
}

const MARKER = 'Results Summary:';
/** A timestamp that `kubectl logs --timestamps` (or the API's `timestamps`) puts first. */
const LINE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:?\d{2})\s?/gm;

/** The text of the JSON object at the start of `text` (after blanks), if complete. */
function leadingJsonObject(text: string): string | undefined {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '{') {
    return undefined;
  }
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (char === '\\') {
        escaped = true;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) {
        return text.slice(start, i + 1);
      }
    }
  }
  return undefined;
}

function parseObject(
  text: string | undefined,
): Record<string, unknown> | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as T;
}

function toCell(value: unknown): ValidationResultsCell | undefined {
  const cell = asObject(value);
  const index = asNumber(cell?.cell_index);
  if (!cell || index === undefined) {
    return undefined;
  }
  let traceback: string[] | undefined;
  if (Array.isArray(cell.traceback)) {
    traceback = cell.traceback.filter(
      (line): line is string => typeof line === 'string',
    );
  } else if (typeof cell.traceback === 'string') {
    traceback = [cell.traceback];
  }
  return withoutUndefined({
    index,
    type: asString(cell.cell_type),
    executionCount: asNumber(cell.execution_count),
    status: asString(cell.status),
    error: asString(cell.error),
    traceback,
  });
}

/**
 * Parses the operator's "Results Summary:" JSON block from a validation pod's log.
 * Only the last block counts: the last `Results Summary:` followed by a JSON object
 * (the words may also appear in the notebook's own output, and a "Golden Notebook
 * Summary:" block may follow). Only that one object is read, however the JSON is
 * indented (the operator pipes it through `python3 -m json.tool`), and lines may carry
 * `--timestamps` prefixes. Fields of the wrong type are dropped. Returns `undefined`
 * when there is no block, or the block is cut off, not JSON, or has none of `status`,
 * `error_category` and `cells`.
 *
 * @internal
 */
export function parseValidationResultsSummary(
  podLog: string | undefined,
): ValidationResultsSummary | undefined {
  if (typeof podLog !== 'string') {
    return undefined;
  }
  const log = podLog.replace(LINE_TIMESTAMP, '');
  let rest: string | undefined;
  for (
    let at = log.lastIndexOf(MARKER);
    at >= 0;
    at = at === 0 ? -1 : log.lastIndexOf(MARKER, at - 1)
  ) {
    const after = log.slice(at + MARKER.length);
    if (/^\s*\{/.test(after)) {
      rest = after;
      break;
    }
  }
  if (rest === undefined) {
    return undefined;
  }
  const raw = parseObject(leadingJsonObject(rest));
  if (
    !raw ||
    (raw.status === undefined &&
      raw.error_category === undefined &&
      raw.cells === undefined)
  ) {
    return undefined;
  }
  const statistics = asObject(raw.statistics);
  return withoutUndefined({
    status: asString(raw.status),
    // The script writes the shell's "None" when nothing failed.
    error: raw.error === 'None' ? undefined : asString(raw.error),
    exitCode: asNumber(raw.exit_code),
    notebookPath: asString(raw.notebook_path),
    executionDurationSeconds: asNumber(raw.execution_duration_seconds),
    timestamp: asString(raw.timestamp),
    errorCategory: toMlopsErrorCategory(raw.error_category),
    cells: Array.isArray(raw.cells)
      ? raw.cells
          .map(toCell)
          .filter((cell): cell is ValidationResultsCell => cell !== undefined)
      : [],
    statistics: statistics
      ? withoutUndefined({
          totalCells: asNumber(statistics.total_cells),
          codeCells: asNumber(statistics.code_cells),
          failedCells: asNumber(statistics.failed_cells),
          successRate: asNumber(statistics.success_rate),
        })
      : undefined,
  });
}
