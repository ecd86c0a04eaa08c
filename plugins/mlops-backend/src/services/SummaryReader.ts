import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { isError, ServiceUnavailableError } from '@backstage/errors';
import {
  MLOPS_MODEL_NAME_LABEL,
  type MlopsModelSummary,
  type MlopsSummaryResponse,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsObjectStore } from '@backstage-mlops/plugin-mlops-node';
import { toModelSummary } from '../mappers';
import { FreshnessCollector } from './FreshnessCollector';
import type { ModelAccess, ModelTarget } from './ModelAccess';

/**
 * What the summary endpoint answers: the summaries, and the clusters that could not be
 * reached (their models carry a `problem`; the route answers 503 with the rest).
 *
 * @internal
 */
export interface SummaryResult {
  response: MlopsSummaryResponse;
  unreachableClusters: string[];
}

/**
 * Answers the models page and catalog tables: one summary per entity (last training,
 * serving, last build, last validation), for many entities in one request, from the
 * watch cache. Entities the caller may not read are reported exactly like entities
 * that do not exist.
 *
 * @internal
 */
export class SummaryReader {
  static create(options: {
    store: MlopsObjectStore;
    access: ModelAccess;
  }): SummaryReader {
    return new SummaryReader(options.store, options.access);
  }

  private constructor(
    private readonly store: MlopsObjectStore,
    private readonly access: ModelAccess,
  ) {}

  async read(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<SummaryResult> {
    const resolved = await this.access.resolveMany(entityRefs, credentials);
    const collector = new FreshnessCollector();
    const unreachable = new Set<string>();
    const items = await Promise.all(
      resolved.map(
        async ({ entityRef, target, problem }): Promise<MlopsModelSummary> => {
          if (!target) {
            return { entityRef, problem };
          }
          try {
            return { ...(await this.summarize(target, collector)), entityRef };
          } catch (error) {
            if (isError(error) && error.name === ServiceUnavailableError.name) {
              unreachable.add(target.cluster.name);
              collector.unreachable(target.cluster.name, error.message);
              return {
                entityRef,
                cluster: target.cluster.name,
                namespace: target.coordinates.namespace,
                problem: error.message,
              };
            }
            throw error;
          }
        },
      ),
    );
    return {
      response: {
        items,
        freshness: collector.freshness(),
        notInstalled: collector.notInstalledKinds(),
      },
      unreachableClusters: [...unreachable],
    };
  }

  private async summarize(
    target: ModelTarget,
    collector: FreshnessCollector,
  ): Promise<MlopsModelSummary> {
    const { cluster, coordinates } = target;
    const base = { cluster: cluster.name, namespace: coordinates.namespace };
    const byModel = { [MLOPS_MODEL_NAME_LABEL]: coordinates.modelName };
    const [runs, services, builds, jobs] = await Promise.all([
      this.store.query({ ...base, kind: 'pipelineruns', labels: byModel }),
      coordinates.inferenceService
        ? this.store.query({
            ...base,
            kind: 'inferenceservices',
            name: coordinates.inferenceService,
          })
        : undefined,
      coordinates.buildConfig
        ? this.store.query({
            ...base,
            kind: 'builds',
            labels: {
              'openshift.io/build-config.name': coordinates.buildConfig,
            },
          })
        : undefined,
      this.store.query({
        ...base,
        kind: 'notebookvalidationjobs',
        labels: byModel,
      }),
    ]);
    return toModelSummary({
      entityRef: target.entityRef,
      cluster: cluster.name,
      namespace: coordinates.namespace,
      pipelineRuns: collector.add(cluster.name, 'pipelineruns', runs),
      inferenceServices: services
        ? collector.add(cluster.name, 'inferenceservices', services)
        : undefined,
      builds: builds
        ? collector.add(cluster.name, 'builds', builds)
        : undefined,
      validationJobs: collector.add(
        cluster.name,
        'notebookvalidationjobs',
        jobs,
      ),
    });
  }
}
