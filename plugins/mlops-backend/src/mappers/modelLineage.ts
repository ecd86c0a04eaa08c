import {
  MLOPS_SERVED_MODEL_VERSION_ANNOTATION,
  MLOPS_SERVED_RUN_ANNOTATION,
  type MlopsLineageGap,
  type MlopsModelLineage,
  type MlopsPipelineRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import {
  readInferenceService,
  timeMillis,
  validTime,
  type SlimBuild,
  type SlimInferenceService,
  type SlimNotebookValidationJob,
} from '@backstage-mlops/plugin-mlops-node';
import { toBuildSummary } from './build';
import { commitUrlOf } from './commitUrl';
import { toValidationJobSummary } from './validationJob';

/**
 * The predictor annotation the training pipeline's restart step stamps with its own
 * TaskRun's name, which rolls the predictor (KServe copies
 * `spec.predictor.annotations` into the predictor's pods).
 */
export const PROMOTED_BY_ANNOTATION = 'mlops.dev/promoted-by';

const DIGEST = /@(sha256:[0-9a-f]{64})$/;

/** What {@link toModelLineage} reads, all from one namespace. */
export interface ModelLineageInput {
  inferenceService: SlimInferenceService;
  /** The run named by the InferenceService's `mlops.dev/served-run`, with its TaskRuns; absent when it does not exist. */
  run?: MlopsPipelineRunSummary;
  /** The validation jobs labelled `tekton.dev/pipelineRun=<that run>`. */
  validationJobs: readonly SlimNotebookValidationJob[];
  /** The builds of the model's BuildConfig. */
  builds: readonly SlimBuild[];
}

function latest(...times: Array<string | undefined>): string | undefined {
  return times
    .filter((t): t is string => timeMillis(t) !== undefined)
    .sort((a, b) => timeMillis(b)! - timeMillis(a)!)[0];
}

/**
 * The lineage of the model an InferenceService serves, link by link, each from a
 * field the platform or the training pipeline sets:
 *
 * - served model version and run: the InferenceService's annotations
 *   `mlops.dev/served-model-version` and `mlops.dev/served-run` (the pipeline's
 *   promotion step writes them; plugin README, "Model lineage");
 * - serving since: the later of the `Ready` condition's `lastTransitionTime` (KServe
 *   pkg/apis/serving/v1beta1/inference_service_status.go, `status.conditions`, knative
 *   duck `Condition`) and the completion of the TaskRun named by the predictor's
 *   `mlops.dev/promoted-by` (the step that rolled the predictor out and waited for it);
 *   the revision is `status.components.predictor.latestReadyRevision` (Serverless only);
 * - validation job: the NotebookValidationJob labelled `tekton.dev/pipelineRun=<run>`
 *   (the newest that succeeded, else the newest);
 * - image: its `spec.podConfig.containerImage`, when named by digest;
 * - build: the Build of the model's BuildConfig whose `status.output.to.imageDigest`
 *   is that digest (OpenShift's build controller sets it when the image is pushed);
 * - commit: that Build's `spec.revision.git` (OpenShift's builder records the commit it
 *   fetched, openshift/builder pkg/build/builder) and its `spec.source.git.uri`.
 *
 * Where a link cannot be followed, a gap says which and why.
 *
 * @internal
 */
export function toModelLineage(input: ModelLineageInput): MlopsModelLineage {
  const isvc = input.inferenceService;
  const annotations = isvc.metadata.annotations ?? {};
  const reading = readInferenceService(isvc);
  const gaps: MlopsLineageGap[] = [];
  const lineage: MlopsModelLineage = {
    serving: { inferenceService: isvc.metadata.name, ready: reading.ready },
    gaps,
  };
  const { serving } = lineage;
  const modelVersion = annotations[MLOPS_SERVED_MODEL_VERSION_ANNOTATION];
  if (modelVersion) {
    serving.modelVersion = modelVersion;
  }
  const storageUri = isvc.spec.predictor.storageUri;
  if (storageUri) {
    serving.storageUri = storageUri;
  }
  const revision = isvc.status?.components?.predictor?.latestReadyRevision;
  if (revision) {
    serving.revision = revision;
  }

  const runName = annotations[MLOPS_SERVED_RUN_ANNOTATION];
  const run = input.run;
  const promotedBy = isvc.spec.predictor.annotations?.[PROMOTED_BY_ANNOTATION];
  const promotedAt = run?.taskRuns.find(
    t => t.name === promotedBy,
  )?.completedAt;
  const ready = isvc.status?.conditions?.find(c => c.type === 'Ready');
  const readyAt =
    ready?.status === 'True' ? validTime(ready.lastTransitionTime) : undefined;
  const since = latest(readyAt, promotedAt);
  if (since) {
    serving.servingSince = since;
    serving.servingSinceFrom =
      since === promotedAt ? 'promotion' : 'ready-condition';
  }

  if (!runName) {
    gaps.push({
      step: 'run',
      reason: `InferenceService ${isvc.metadata.name} has no ${MLOPS_SERVED_RUN_ANNOTATION} annotation: no training run promoted the model it serves (or one from before the lineage convention)`,
    });
    return lineage;
  }
  if (!run) {
    gaps.push({
      step: 'run',
      reason: `PipelineRun ${runName} (${MLOPS_SERVED_RUN_ANNOTATION}) no longer exists`,
    });
    return lineage;
  }
  lineage.run = {
    name: run.name,
    status: run.status,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.completedAt ? { completedAt: run.completedAt } : {}),
    ...(run.metrics ? { metrics: run.metrics } : {}),
    ...(promotedAt ? { promotedAt } : {}),
  };

  const jobs = input.validationJobs
    .map(job => ({ job, summary: toValidationJobSummary(job) }))
    .sort((a, b) => b.summary.createdAt.localeCompare(a.summary.createdAt));
  const chosen =
    jobs.find(j => j.summary.status === 'Succeeded') ?? jobs[0] ?? undefined;
  if (!chosen) {
    gaps.push({
      step: 'validation-job',
      reason: `no NotebookValidationJob is labelled tekton.dev/pipelineRun=${run.name}`,
    });
    return lineage;
  }
  const image = chosen.job.spec.podConfig.containerImage;
  const digest = DIGEST.exec(image)?.[1];
  lineage.validationJob = {
    name: chosen.summary.name,
    status: chosen.summary.status,
    image,
    ...(digest ? { imageDigest: digest } : {}),
    notebookPath: chosen.summary.notebookPath,
    gitRef: chosen.summary.gitRef,
    ...(chosen.summary.completedAt
      ? { completedAt: chosen.summary.completedAt }
      : {}),
  };
  if (!digest) {
    gaps.push({
      step: 'image',
      reason: `validation job ${chosen.summary.name} ran image ${
        image || '(none)'
      } by tag, not by digest: which build made it cannot be told`,
    });
    return lineage;
  }

  const build = input.builds.find(
    b => b.status?.output?.to?.imageDigest === digest,
  );
  if (!build) {
    gaps.push({
      step: 'build',
      reason: `no Build of the model's BuildConfig pushed image ${digest}`,
    });
    return lineage;
  }
  const buildSummary = toBuildSummary(build);
  lineage.build = {
    name: build.metadata.name,
    status: buildSummary.status,
    imageDigest: digest,
    ...(buildSummary.completedAt
      ? { completedAt: buildSummary.completedAt }
      : {}),
  };
  const git = build.spec.revision?.git;
  if (!git?.commit) {
    gaps.push({
      step: 'commit',
      reason: `Build ${build.metadata.name} records no commit (spec.revision.git)`,
    });
    return lineage;
  }
  const repository = build.spec.source?.git?.uri;
  const url = repository ? commitUrlOf(repository, git.commit) : undefined;
  lineage.commit = {
    sha: git.commit,
    ...(git.message ? { message: git.message } : {}),
    ...(git.author?.name ? { author: git.author.name } : {}),
    ...(repository ? { repository } : {}),
    ...(url ? { url } : {}),
  };
  return lineage;
}
