import type { MlopsModelHealthResponse } from '@backstage-mlops/plugin-mlops-common';
import { MLOPS_MODEL_NAME_LABEL } from '@backstage-mlops/plugin-mlops-common';
import {
  readWorkbench,
  type MlopsObjectStore,
  type SlimPipelineRun,
  type SlimTaskRun,
} from '@backstage-mlops/plugin-mlops-node';
import {
  healthCheckResults,
  newestFirst,
  toInferenceServiceHealth,
  toPipelineRunSummary,
} from '../mappers';
import { FreshnessCollector } from './FreshnessCollector';
import type { ModelTarget } from './ModelAccess';
import type { WorkbenchLinks } from './WorkbenchLinks';

const PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';
/** Health-check results are taken from this many newest training runs. */
const RECENT_RUNS = 20;

/**
 * Answers the Health tab: the model's InferenceService, the latest health-check
 * results of its training runs, and its workbench, all from the watch cache.
 *
 * @internal
 */
export class HealthReader {
  static create(options: {
    store: MlopsObjectStore;
    /** The workbenches' "open" links; none when absent. */
    workbenchLinks?: WorkbenchLinks;
  }): HealthReader {
    return new HealthReader(options.store, options.workbenchLinks);
  }

  private constructor(
    private readonly store: MlopsObjectStore,
    private readonly workbenchLinks?: WorkbenchLinks,
  ) {}

  async read(target: ModelTarget): Promise<MlopsModelHealthResponse> {
    const { cluster, coordinates, entityRef } = target;
    const base = { cluster: cluster.name, namespace: coordinates.namespace };
    const collector = new FreshnessCollector();

    const [services, runs, workbenches] = await Promise.all([
      coordinates.inferenceService
        ? this.store.query({
            ...base,
            kind: 'inferenceservices',
            name: coordinates.inferenceService,
          })
        : undefined,
      this.store.query({
        ...base,
        kind: 'pipelineruns',
        labels: { [MLOPS_MODEL_NAME_LABEL]: coordinates.modelName },
      }),
      coordinates.workbench
        ? this.store.query({
            ...base,
            kind: 'notebooks',
            name: coordinates.workbench,
          })
        : undefined,
    ]);

    const recentRuns: SlimPipelineRun[] = collector
      .add(base.cluster, 'pipelineruns', runs)
      .map(run => ({ run, ...toPipelineRunSummary(run, []) }))
      .sort(newestFirst)
      .slice(0, RECENT_RUNS)
      .map(({ run }) => run);
    const taskRuns: SlimTaskRun[] = (
      await Promise.all(
        recentRuns.map(run =>
          this.store.query({
            ...base,
            kind: 'taskruns',
            labels: { [PIPELINE_RUN_LABEL]: run.metadata.name },
          }),
        ),
      )
    ).flatMap(result => collector.add(base.cluster, 'taskruns', result));

    const inferenceServices = services
      ? collector
          .add(base.cluster, 'inferenceservices', services)
          .map(toInferenceServiceHealth)
      : [];
    const workbench = workbenches
      ? collector
          .add(base.cluster, 'notebooks', workbenches)
          .map(readWorkbench)[0]
      : undefined;

    const response: MlopsModelHealthResponse = {
      entityRef,
      cluster: base.cluster,
      namespace: base.namespace,
      freshness: collector.freshness(),
      notInstalled: collector.notInstalledKinds(),
      inferenceServices,
      healthChecks: healthCheckResults(recentRuns, taskRuns),
    };
    if (workbench) {
      const url = this.workbenchLinks?.urlFor(
        base.cluster,
        base.namespace,
        workbench.name,
      );
      response.workbench = url ? { ...workbench, url } : workbench;
    }
    return response;
  }
}
