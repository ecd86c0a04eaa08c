import type { SlimNotebookValidationJob } from './notebookValidationJob';
import { toSlimConditions, toSlimObjectMeta } from './toSlimObjectMeta';
import {
  bool,
  compact,
  compactOrUndefined,
  list,
  num,
  record,
  str,
} from './slimHelpers';

/** Longest cell output or diff text kept (the operator truncates tracebacks to 2,000). */
const MAX_TEXT = 4000;

function text(value: unknown): string | undefined {
  const s = str(value);
  return s !== undefined && s.length > MAX_TEXT
    ? `${s.slice(0, MAX_TEXT)}… (truncated)`
    : s;
}

function toSlimComparison(value: unknown) {
  const c = record(value);
  if (!c) {
    return undefined;
  }
  return compactOrUndefined({
    strategy: str(c.strategy),
    result: str(c.result),
    totalCells: num(c.totalCells),
    matchedCells: num(c.matchedCells),
    mismatchedCells: num(c.mismatchedCells),
    diffs: Array.isArray(c.diffs)
      ? list(c.diffs).flatMap(item => {
          const d = record(item);
          const cellIndex = num(d?.cellIndex);
          return cellIndex !== undefined
            ? [
                compact({
                  cellIndex,
                  cellType: str(d?.cellType),
                  diffType: str(d?.diffType),
                  expected: text(d?.expected),
                  actual: text(d?.actual),
                  diff: text(d?.diff),
                  severity: str(d?.severity),
                }),
              ]
            : [];
        })
      : undefined,
  });
}

/**
 * A `mlops.mlops.dev/v1alpha1` NotebookValidationJob as the cache keeps it: notebook
 * source and path, image and build settings, timeout; phase, conditions, times,
 * message, pod, retry count and time, per-cell results (a failed cell's output at most
 * 4,000 characters), the golden-notebook comparison and the build status. Model
 * validation, available images and pod settings are gone.
 *
 * @internal
 */
export function toSlimNotebookValidationJob(
  raw: unknown,
): SlimNotebookValidationJob | undefined {
  const metadata = toSlimObjectMeta(raw);
  if (!metadata) {
    return undefined;
  }
  const spec = record(record(raw)?.spec);
  const status = record(record(raw)?.status);
  const notebook = record(spec?.notebook);
  const git = record(notebook?.git);
  const podConfig = record(spec?.podConfig);
  const buildConfig = record(podConfig?.buildConfig);
  const buildStatus = record(status?.buildStatus);
  return {
    metadata,
    spec: compact({
      notebook: {
        git: { url: str(git?.url) ?? '', ref: str(git?.ref) ?? '' },
        path: str(notebook?.path) ?? '',
      },
      podConfig: compact({
        containerImage: str(podConfig?.containerImage) ?? '',
        buildConfig: buildConfig
          ? compact({
              enabled: bool(buildConfig.enabled),
              strategy: str(buildConfig.strategy),
              baseImage: str(buildConfig.baseImage),
            })
          : undefined,
      }),
      timeout: str(spec?.timeout),
    }),
    status: status
      ? compact({
          phase: str(status.phase),
          conditions: toSlimConditions(status.conditions),
          startTime: str(status.startTime),
          completionTime: str(status.completionTime),
          message: str(status.message),
          validationPodName: str(status.validationPodName),
          retryCount: num(status.retryCount),
          lastRetryTime: str(status.lastRetryTime),
          results: Array.isArray(status.results)
            ? list(status.results).flatMap(item => {
                const r = record(item);
                const cellIndex = num(r?.cellIndex);
                const cellStatus = str(r?.status);
                return cellIndex !== undefined && cellStatus
                  ? [
                      compact({
                        cellIndex,
                        status: cellStatus,
                        executionTime: str(r?.executionTime),
                        errorMessage: str(r?.errorMessage),
                        output: text(r?.output),
                      }),
                    ]
                  : [];
              })
            : undefined,
          comparisonResult: toSlimComparison(status.comparisonResult),
          buildStatus: buildStatus
            ? compactOrUndefined({
                phase: str(buildStatus.phase),
                message: str(buildStatus.message),
                imageReference: str(buildStatus.imageReference),
                startTime: str(buildStatus.startTime),
                completionTime: str(buildStatus.completionTime),
                duration: str(buildStatus.duration),
                buildName: str(buildStatus.buildName),
                strategy: str(buildStatus.strategy),
              })
            : undefined,
        })
      : undefined,
  };
}
