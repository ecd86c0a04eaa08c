import {
  MLOPS_METRICS_RESULT,
  type MlopsModelMetric,
  type MlopsNameValue,
  type MlopsParamValue,
  type MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';

/** A metric name: what frameworks print (`accuracy`, `f1`, `roc_auc`, `r2`). */
const metricNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/,
    'is not a metric name (letters, digits, _ . -, at most 63)',
  );

/**
 * A metric value: a finite JSON number, or a decimal in a string (a Tekton object
 * result holds strings only).
 */
const metricValueSchema = z.union([
  z.number().refine(Number.isFinite, 'is not a finite number'),
  z
    .string()
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, 'is not a finite number')
    .transform(Number)
    .refine(Number.isFinite, 'is not a finite number'),
]);

/** The result as a JSON object: a string holding one, or a Tekton object result. */
const metricsObjectSchema = z.record(z.string(), z.unknown());

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function parseObject(value: MlopsParamValue): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * Reads one `metrics` result into `into` (a later value of a name replaces an
 * earlier one) and says what it dropped.
 */
function readResult(
  value: MlopsParamValue,
  source: string,
  into: Map<string, MlopsModelMetric>,
  problems: string[],
): void {
  const where = source === 'pipeline' ? 'the run' : source;
  const parsed = metricsObjectSchema.safeParse(parseObject(value));
  if (!parsed.success) {
    problems.push(
      `${MLOPS_METRICS_RESULT} of ${where}: ${short(
        value,
      )} is not a JSON object of metric name to number`,
    );
    return;
  }
  for (const [name, raw] of Object.entries(parsed.data)) {
    const field = `${MLOPS_METRICS_RESULT}.${name} of ${where}`;
    const okName = metricNameSchema.safeParse(name);
    if (!okName.success) {
      problems.push(`${field}: ${okName.error.issues[0].message}`);
      continue;
    }
    const okValue = metricValueSchema.safeParse(raw);
    if (!okValue.success) {
      problems.push(`${field}: ${short(raw)} is not a finite number`);
      continue;
    }
    into.set(name, { name, value: okValue.data, source });
  }
}

/**
 * A run's model metrics by the plugin's convention: the Tekton result `metrics`, a
 * JSON object of metric name → number. Read from the PipelineRun's own result when
 * it has one (the Pipeline forwards its evaluating task's result); otherwise from the
 * TaskRuns' `metrics` results in run order, a later task's value of a name winning
 * (e.g. a health check that re-measures). Entries that are not a metric name and a
 * finite number are dropped, each with a sentence naming the field.
 *
 * @internal
 */
export function readModelMetrics(
  runResults: readonly MlopsNameValue[],
  taskRuns: readonly MlopsTaskRunSummary[],
): { metrics: MlopsModelMetric[]; problems: string[] } {
  const found = new Map<string, MlopsModelMetric>();
  const problems: string[] = [];
  const own = runResults.find(r => r.name === MLOPS_METRICS_RESULT);
  if (own) {
    readResult(own.value, 'pipeline', found, problems);
  } else {
    for (const task of taskRuns) {
      const result = task.results.find(r => r.name === MLOPS_METRICS_RESULT);
      if (result) {
        readResult(result.value, task.pipelineTask, found, problems);
      }
    }
  }
  const metrics = [...found.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return { metrics, problems };
}
