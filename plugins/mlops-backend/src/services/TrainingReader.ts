import {
  isMlPipelineEntity,
  MLOPS_MODEL_NAME_LABEL,
  type MlopsBuildSummary,
  type MlopsPipelineRunSummary,
  type MlopsTrainingQuery,
  type MlopsTrainingResponse,
  type MlopsValidationJobSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  MlopsObjectStore,
  SlimPipelineRun,
} from '@backstage-mlops/plugin-mlops-node';
import {
  filterByStatus,
  paginate,
  toBuildSummary,
  toPipelineRunSummary,
  toValidationJobSummary,
} from '../mappers';
import { FreshnessCollector } from './FreshnessCollector';
import type { ModelTarget } from './ModelAccess';
import type { ValidationErrorCategories } from './ValidationErrorCategories';

const PIPELINE_LABEL = 'tekton.dev/pipeline';
const PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';
const BUILD_CONFIG_LABEL = 'openshift.io/build-config.name';
/** Validation jobs and builds come as their newest page of this size. */
const SIDE_LIST_LIMIT = 10;

function paramValue(run: SlimPipelineRun, name: string): unknown {
  return run.spec.params?.find(p => p.name === name)?.value;
}

/**
 * Answers the Training tab: the runs of a model (labelled `model-name=<model>`, and
 * runs of its training pipeline whose `model-name` param names it), its notebook
 * validation jobs and its image builds, all from the watch cache. For an `ml-pipeline`
 * entity, the runs of that pipeline.
 *
 * @internal
 */
export class TrainingReader {
  static create(options: {
    store: MlopsObjectStore;
    validationCategories: ValidationErrorCategories;
    /** Where dropped metrics are reported (once per run version). */
    logger?: LoggerService;
  }): TrainingReader {
    return new TrainingReader(
      options.store,
      options.validationCategories,
      options.logger,
    );
  }

  /** Run versions whose dropped metrics were logged already. */
  private readonly reported = new Set<string>();

  private constructor(
    private readonly store: MlopsObjectStore,
    private readonly validationCategories: ValidationErrorCategories,
    private readonly logger?: LoggerService,
  ) {}

  /** Logs what a run's `metrics` result lost, once per version of the run. */
  private reportMetricsProblems(
    run: SlimPipelineRun,
    summary: MlopsPipelineRunSummary,
  ): void {
    if (!this.logger || !summary.metricsProblems) {
      return;
    }
    const key = `${run.metadata.namespace}/${run.metadata.name}@${run.metadata.resourceVersion}`;
    if (this.reported.has(key)) {
      return;
    }
    if (this.reported.size >= 10_000) {
      this.reported.clear();
    }
    this.reported.add(key);
    this.logger.warn(
      `Dropped model metrics of PipelineRun ${run.metadata.namespace}/${
        run.metadata.name
      }: ${summary.metricsProblems.join('; ')}`,
    );
  }

  async read(
    target: ModelTarget,
    query: MlopsTrainingQuery,
  ): Promise<MlopsTrainingResponse> {
    const { cluster, coordinates, entityRef } = target;
    const base = { cluster: cluster.name, namespace: coordinates.namespace };
    const collector = new FreshnessCollector();
    const isPipeline = isMlPipelineEntity(target.entity);

    const [runs, jobs, builds] = await Promise.all([
      this.runsOf(target, collector),
      isPipeline
        ? undefined
        : this.store.query({
            ...base,
            kind: 'notebookvalidationjobs',
            labels: { [MLOPS_MODEL_NAME_LABEL]: coordinates.modelName },
          }),
      isPipeline || !coordinates.buildConfig
        ? undefined
        : this.store.query({
            ...base,
            kind: 'builds',
            labels: { [BUILD_CONFIG_LABEL]: coordinates.buildConfig },
          }),
    ]);

    // Summaries without TaskRuns are cheap; TaskRuns are looked up for the page only.
    const candidates = [...runs.values()].map(run => ({
      run,
      ...toPipelineRunSummary(run, []),
    }));
    const page = paginate(filterByStatus(candidates, query.status), query);
    const pipelineRuns = {
      ...page,
      items: await Promise.all(
        page.items.map(c => this.withTaskRuns(base, c.run, collector)),
      ),
    };

    const validationJobs = jobs
      ? await this.validationJobs(
          target,
          collector.add(base.cluster, 'notebookvalidationjobs', jobs),
        )
      : { items: [], totalItems: 0 };
    const buildPage = builds
      ? this.builds(collector.add(base.cluster, 'builds', builds), query)
      : { items: [], totalItems: 0 };

    return {
      entityRef,
      cluster: base.cluster,
      namespace: base.namespace,
      modelName: coordinates.modelName,
      trainingPipeline: coordinates.trainingPipeline,
      freshness: collector.freshness(),
      notInstalled: collector.notInstalledKinds(),
      pipelineRuns,
      validationJobs,
      builds: buildPage,
    };
  }

  /**
   * The runs of a model (or pipeline) with the given names, each with its TaskRuns,
   * in the order asked; `missing` names the ones it does not have.
   */
  async readRuns(
    target: ModelTarget,
    names: readonly string[],
  ): Promise<{
    runs: MlopsPipelineRunSummary[];
    missing: string[];
    freshness: MlopsTrainingResponse['freshness'];
  }> {
    const base = {
      cluster: target.cluster.name,
      namespace: target.coordinates.namespace,
    };
    const collector = new FreshnessCollector();
    const all = await this.runsOf(target, collector);
    const found = names.flatMap(name => {
      const run = all.get(name);
      return run ? [run] : [];
    });
    return {
      runs: await Promise.all(
        found.map(run => this.withTaskRuns(base, run, collector)),
      ),
      missing: names.filter(name => !all.has(name)),
      freshness: collector.freshness(),
    };
  }

  /**
   * The runs of a model (labelled `model-name=<model>`, and runs of its training
   * pipeline whose `model-name` param names it), or of a pipeline, by name.
   */
  private async runsOf(
    target: ModelTarget,
    collector: FreshnessCollector,
  ): Promise<Map<string, SlimPipelineRun>> {
    const { cluster, coordinates } = target;
    const base = { cluster: cluster.name, namespace: coordinates.namespace };
    const isPipeline = isMlPipelineEntity(target.entity);
    const [byModel, byPipeline] = await Promise.all([
      isPipeline
        ? undefined
        : this.store.query({
            ...base,
            kind: 'pipelineruns',
            labels: { [MLOPS_MODEL_NAME_LABEL]: coordinates.modelName },
          }),
      this.store.query({
        ...base,
        kind: 'pipelineruns',
        labels: { [PIPELINE_LABEL]: coordinates.trainingPipeline },
      }),
    ]);
    const runs = new Map<string, SlimPipelineRun>();
    for (const run of byModel
      ? collector.add(base.cluster, 'pipelineruns', byModel)
      : []) {
      runs.set(run.metadata.name, run);
    }
    for (const run of collector.add(base.cluster, 'pipelineruns', byPipeline)) {
      if (
        isPipeline ||
        paramValue(run, 'model-name') === coordinates.modelName
      ) {
        runs.set(run.metadata.name, run);
      }
    }
    return runs;
  }

  private async withTaskRuns(
    base: { cluster: string; namespace: string },
    run: SlimPipelineRun,
    collector: FreshnessCollector,
  ): Promise<MlopsPipelineRunSummary> {
    const taskRuns = await this.store.query({
      ...base,
      kind: 'taskruns',
      labels: { [PIPELINE_RUN_LABEL]: run.metadata.name },
    });
    const summary = toPipelineRunSummary(
      run,
      collector.add(base.cluster, 'taskruns', taskRuns),
    );
    this.reportMetricsProblems(run, summary);
    return summary;
  }

  private async validationJobs(
    target: ModelTarget,
    jobs: Parameters<typeof toValidationJobSummary>[0][],
  ) {
    const page = paginate(
      jobs.map(job => ({ job, ...toValidationJobSummary(job) })),
      { limit: SIDE_LIST_LIMIT },
    );
    const items: MlopsValidationJobSummary[] = await Promise.all(
      page.items.map(async ({ job }) =>
        toValidationJobSummary(
          job,
          await this.validationCategories.categoryOf(target.cluster.name, job),
        ),
      ),
    );
    return { ...page, items };
  }

  private builds(
    builds: Parameters<typeof toBuildSummary>[0][],
    query: MlopsTrainingQuery,
  ) {
    const summaries: MlopsBuildSummary[] = builds.map(toBuildSummary);
    return paginate(filterByStatus(summaries, query.status), {
      limit: SIDE_LIST_LIMIT,
    });
  }
}
