import type { SlimNotebookValidationJob } from './notebookValidationJob';
import { projectConditions, projectObjectMeta } from './projectObjectMeta';
import {
  bool,
  compact,
  compactOrUndefined,
  list,
  num,
  record,
  str,
} from './projectHelpers';

/**
 * A `mlops.mlops.dev/v1alpha1` NotebookValidationJob as the cache keeps it: notebook
 * source and path, image and build settings, timeout; phase, conditions, times,
 * message, pod, retry count, per-cell results (without the cells' output, which can be
 * large) and the build status. Golden notebooks, comparison, model validation and pod
 * settings are gone.
 *
 * @internal
 */
export function projectNotebookValidationJob(
  raw: unknown,
): SlimNotebookValidationJob | undefined {
  const metadata = projectObjectMeta(raw);
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
          conditions: projectConditions(status.conditions),
          startTime: str(status.startTime),
          completionTime: str(status.completionTime),
          message: str(status.message),
          validationPodName: str(status.validationPodName),
          retryCount: num(status.retryCount),
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
                      }),
                    ]
                  : [];
              })
            : undefined,
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
