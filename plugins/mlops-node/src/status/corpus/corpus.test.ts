import { statusCorpus } from './index';

describe('the status corpus', () => {
  it('names an upstream file, by repository, path and commit, for every case', () => {
    for (const fixture of statusCorpus) {
      expect(fixture.sources.length).toBeGreaterThan(0);
      for (const source of fixture.sources) {
        expect(source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
        expect(source.path).toMatch(/^[\w./-]+\.(go|md|ya?ml)$/);
        expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
      }
    }
  });

  it('has unique ids', () => {
    const ids = statusCorpus.map(fixture => fixture.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every kind and the cases users meet on a real cluster', () => {
    const ids = new Set(statusCorpus.map(fixture => fixture.id));
    for (const id of [
      // Tekton: finally tasks, when-skipped tasks with reasons, retries, ignored
      // failures, timeouts, cancellation, embedded specs.
      'pipelinerun-completed-when-skipped',
      'pipelinerun-failed-with-finally',
      'pipelinerun-finally-failed',
      'pipelinerun-failure-ignored',
      'pipelinerun-retried-then-succeeded',
      'pipelinerun-timed-out',
      'pipelinerun-cancelled',
      'pipelinerun-embedded-spec',
      'taskrun-step-continued',
      // KServe in both modes: load failures in the target state, Knative conditions.
      'isvc-raw-load-failed-first',
      'isvc-raw-new-model-failed-old-serves',
      'isvc-serverless-revision-failed',
      // The validator operator: its failure shape, golden notebooks, builds.
      'nvj-pod-failed-after-retries',
      'nvj-golden-mismatch',
      'nvj-build-failed',
      // OpenShift builds with their log snippet; workbenches.
      'build-docker-failed',
      'workbench-running',
    ]) {
      expect(ids).toContain(id);
    }
    const kinds = new Set(statusCorpus.map(fixture => fixture.kind));
    expect([...kinds].sort()).toEqual([
      'Build',
      'InferenceService',
      'Notebook',
      'NotebookValidationJob',
      'PipelineRun',
      'TaskRun',
    ]);
  });
});
