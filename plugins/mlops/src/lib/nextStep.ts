import {
  getMlopsErrorCategoryHint,
  type MlopsModelSummary,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * What to do next about a model, in one sentence, from its summary: the most
 * pressing problem first (serving, then training, validation, build);
 * `undefined` when all is well.
 *
 * @internal
 */
export function nextStep(summary: MlopsModelSummary): string | undefined {
  const { serving, lastTraining, lastValidation, lastBuild } = summary;
  if (summary.problem) {
    return summary.problem;
  }
  if (serving?.modelState?.state === 'FailedToLoad') {
    const failure = serving.modelState.loadFailure;
    const why = failure?.message ?? failure?.reason;
    return `The ${
      serving.modelState.previousStillServes ? 'new ' : 'served '
    }model fails to load${
      why ? ` (${why})` : ''
    }: fix the model or its runtime, then retrain or redeploy; the Health tab has the details.`;
  }
  if (serving && serving.ready === 'False') {
    return `Serving is not ready (${
      serving.failingCondition?.type ?? 'Ready'
    }): open the Health tab for the failing condition.`;
  }
  if (
    lastTraining &&
    (lastTraining.status === 'Failed' || lastTraining.status === 'TimedOut')
  ) {
    return `The last training run ${lastTraining.name} failed: open the Training tab to see which task failed.`;
  }
  if (
    lastValidation?.errorCategory &&
    lastValidation.errorCategory !== 'none'
  ) {
    return `${getMlopsErrorCategoryHint(lastValidation.errorCategory).title}: ${
      getMlopsErrorCategoryHint(lastValidation.errorCategory).fix
    }`;
  }
  if (lastBuild?.status === 'Failed') {
    return `The last image build ${lastBuild.name} failed: open the Training tab for its reason, fix requirements.txt or the Dockerfile, and build again.`;
  }
  if (!lastTraining) {
    return 'The model has never been trained: start its training pipeline.';
  }
  if (!serving) {
    return 'The model is not served: deploy it as a KServe InferenceService and name it in the mlops.backstage.io/inference-service annotation.';
  }
  return undefined;
}
