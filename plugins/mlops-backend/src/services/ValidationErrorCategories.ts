import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { MlopsErrorCategory } from '@backstage-mlops/plugin-mlops-common';
import {
  validationErrorCategoryOf,
  type SlimNotebookValidationJob,
} from '@backstage-mlops/plugin-mlops-node';
import { parseValidationResultsSummary } from '../mappers';

/**
 * Reads the tail of a pod's log (bounded), as the backend's cluster client does.
 *
 * @internal
 */
export type PodLogReader = (request: {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  tailLines: number;
  limitBytes: number;
}) => Promise<string>;

/** The validator container of the operator's validation pod. */
const VALIDATOR_CONTAINER = 'validator';
const MAX_REMEMBERED_JOBS = 5000;

/**
 * The error category of a notebook validation job, found as the operator finds it: in
 * the "Results Summary:" block of the validation pod's log. Failed jobs are terminal
 * and immutable, so each job's log is read once and its category remembered (bounded);
 * when the log cannot be read, the category comes from the job's status.
 *
 * @internal
 */
export class ValidationErrorCategories {
  static create(options: {
    readPodLog: PodLogReader;
    logger: LoggerService;
  }): ValidationErrorCategories {
    return new ValidationErrorCategories(options.readPodLog, options.logger);
  }

  private readonly remembered = new Map<
    string,
    MlopsErrorCategory | undefined
  >();

  private constructor(
    private readonly readPodLog: PodLogReader,
    private readonly logger: LoggerService,
  ) {}

  async categoryOf(
    cluster: string,
    job: SlimNotebookValidationJob,
  ): Promise<MlopsErrorCategory | undefined> {
    const fromStatus = validationErrorCategoryOf(job);
    if (fromStatus !== 'unknown') {
      // Running, succeeded, a failed image build (the notebook never ran), or a
      // failure whose status already names the category.
      return fromStatus;
    }
    const key = `${cluster}/${job.metadata.uid}`;
    if (this.remembered.has(key)) {
      return this.remembered.get(key) ?? fromStatus;
    }
    let category: MlopsErrorCategory | undefined;
    try {
      const log = await this.readPodLog({
        cluster,
        namespace: job.metadata.namespace,
        pod: job.status?.validationPodName ?? `${job.metadata.name}-validation`,
        container: VALIDATOR_CONTAINER,
        tailLines: 500,
        limitBytes: 256 * 1024,
      });
      category = parseValidationResultsSummary(log)?.errorCategory;
    } catch (error) {
      this.logger.debug(
        `no validation log for ${job.metadata.namespace}/${
          job.metadata.name
        } on ${cluster}: ${stringifyError(error)}`,
      );
    }
    if (this.remembered.size >= MAX_REMEMBERED_JOBS) {
      this.remembered.delete(this.remembered.keys().next().value!);
    }
    this.remembered.set(key, category);
    return category ?? fromStatus;
  }
}
