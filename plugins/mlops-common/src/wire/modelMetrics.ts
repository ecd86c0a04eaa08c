/**
 * The name of the Tekton result that carries a run's model metrics: a JSON object of
 * metric name → number, e.g. `{"accuracy":0.91,"f1":0.88,"roc_auc":0.95}`. The task
 * that evaluates the model writes it (`$(results.metrics.path)`); the Pipeline
 * forwards it as its own result of the same name. See the plugin README, "Model
 * metrics".
 *
 * @public
 */
export const MLOPS_METRICS_RESULT = 'metrics';

/**
 * One model metric of a training run.
 *
 * @public
 */
export interface MlopsModelMetric {
  /** The metric, as the framework names it, e.g. `accuracy`, `f1`, `roc_auc`, `rmse`. */
  name: string;
  value: number;
  /**
   * Where it was read: `pipeline` for the PipelineRun's result, else the pipeline
   * task whose result it is.
   */
  source: string;
}

/**
 * Whether a bigger value of a metric is better. Errors and losses (`rmse`, `mae`,
 * `mse`, `loss`, `log_loss`, names ending in `_error` or `_loss`) are better smaller;
 * every other metric (accuracy, F1, ROC AUC, R², …) better bigger.
 *
 * @public
 */
export function mlopsMetricDirection(name: string): 'higher' | 'lower' {
  const n = name.toLowerCase();
  if (
    ['rmse', 'mae', 'mse', 'mape', 'loss', 'log_loss', 'logloss'].includes(n) ||
    n.endsWith('_error') ||
    n.endsWith('_loss') ||
    n.endsWith('-error') ||
    n.endsWith('-loss')
  ) {
    return 'lower';
  }
  return 'higher';
}

/**
 * The best of some values of a metric by its direction ({@link mlopsMetricDirection}),
 * or undefined when none is known.
 *
 * @public
 */
export function mlopsBestMetricValue(
  name: string,
  values: ReadonlyArray<number | undefined>,
): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) {
    return undefined;
  }
  return mlopsMetricDirection(name) === 'lower'
    ? Math.min(...known)
    : Math.max(...known);
}
