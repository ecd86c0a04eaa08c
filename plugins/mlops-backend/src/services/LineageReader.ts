import {
  MLOPS_SERVED_RUN_ANNOTATION,
  type MlopsModelLineageResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsObjectStore } from '@backstage-mlops/plugin-mlops-node';
import { toPipelineRunSummary } from '../mappers';
import { toModelLineage } from '../mappers/modelLineage';
import {
  runBelongsTo,
  validationJobBelongsTo,
} from '../ownership/belongsToEntity';
import { FreshnessCollector } from './FreshnessCollector';
import type { ModelTarget } from './ModelAccess';

const PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';
const BUILD_CONFIG_LABEL = 'openshift.io/build-config.name';

/**
 * Answers "which run produced the served model, from which commit": the lineage of
 * the model the entity's InferenceService serves (see `toModelLineage`), read from
 * the watch cache. Only the model's own objects are followed: the served run must be
 * one of its runs, the validation job one of its jobs, the build one of its
 * BuildConfig's.
 *
 * @internal
 */
export class LineageReader {
  static create(options: { store: MlopsObjectStore }): LineageReader {
    return new LineageReader(options.store);
  }

  private constructor(private readonly store: MlopsObjectStore) {}

  async read(target: ModelTarget): Promise<MlopsModelLineageResponse> {
    const { cluster, coordinates, entityRef } = target;
    const base = { cluster: cluster.name, namespace: coordinates.namespace };
    const collector = new FreshnessCollector();
    const response: MlopsModelLineageResponse = {
      entityRef,
      cluster: base.cluster,
      namespace: base.namespace,
      modelName: coordinates.modelName,
      freshness: [],
      notInstalled: [],
    };
    const finish = () => ({
      ...response,
      freshness: collector.freshness(),
      notInstalled: collector.notInstalledKinds(),
    });
    if (!coordinates.inferenceService) {
      return finish();
    }
    const [isvc] = collector.add(
      base.cluster,
      'inferenceservices',
      await this.store.query({
        ...base,
        kind: 'inferenceservices',
        name: coordinates.inferenceService,
      }),
    );
    if (!isvc) {
      return finish();
    }

    const runName = isvc.metadata.annotations?.[MLOPS_SERVED_RUN_ANNOTATION];
    const [runs, taskRuns, jobs, builds] = runName
      ? await Promise.all([
          this.store.query({ ...base, kind: 'pipelineruns', name: runName }),
          this.store.query({
            ...base,
            kind: 'taskruns',
            labels: { [PIPELINE_RUN_LABEL]: runName },
          }),
          this.store.query({
            ...base,
            kind: 'notebookvalidationjobs',
            labels: { [PIPELINE_RUN_LABEL]: runName },
          }),
          coordinates.buildConfig
            ? this.store.query({
                ...base,
                kind: 'builds',
                labels: { [BUILD_CONFIG_LABEL]: coordinates.buildConfig },
              })
            : undefined,
        ])
      : [];
    const run = runs
      ? collector
          .add(base.cluster, 'pipelineruns', runs)
          .find(r => runBelongsTo(target, r))
      : undefined;
    const runSummary = run
      ? toPipelineRunSummary(
          run,
          taskRuns ? collector.add(base.cluster, 'taskruns', taskRuns) : [],
        )
      : undefined;
    response.lineage = toModelLineage({
      inferenceService: isvc,
      run: runSummary,
      validationJobs: jobs
        ? collector
            .add(base.cluster, 'notebookvalidationjobs', jobs)
            .filter(job => validationJobBelongsTo(target, job))
        : [],
      builds: builds ? collector.add(base.cluster, 'builds', builds) : [],
    });
    return finish();
  }
}
