import { detectTrigger } from './trigger';
import { aPipelineRun } from './testFixtures';

const DRIFT_LISTENER_LABELS = {
  'triggers.tekton.dev/eventlistener': 'model-drift-listener',
  'triggers.tekton.dev/trigger': 'model-drift',
  'triggers.tekton.dev/triggers-eventid':
    '0f8e2c1a-1234-4abc-8def-0123456789ab',
};

describe('detectTrigger', () => {
  it('reads the weekly CronJob label (ADR-053, the seeds and the scale data)', () => {
    expect(
      detectTrigger(
        aPipelineRun('train-x', { labels: { 'triggered-by': 'cronjob' } }),
      ),
    ).toEqual({ type: 'cron' });
  });

  it('reads a drift alert from the seeded EventListener run', () => {
    expect(
      detectTrigger(
        aPipelineRun('retrain-x', {
          labels: { 'triggered-by': 'drift-alert', ...DRIFT_LISTENER_LABELS },
        }),
      ),
    ).toEqual({ type: 'alert', detail: 'model-drift-listener/model-drift' });
  });

  it('reads a drift alert from the label alone (scale data)', () => {
    expect(
      detectTrigger(
        aPipelineRun('train-x', { labels: { 'triggered-by': 'drift-alert' } }),
      ),
    ).toEqual({ type: 'alert', detail: 'drift-alert' });
  });

  it('tells an alert from a webhook by the listener and trigger names', () => {
    expect(
      detectTrigger(
        aPipelineRun('retrain-x', { labels: DRIFT_LISTENER_LABELS }),
      ),
    ).toEqual({ type: 'alert', detail: 'model-drift-listener/model-drift' });
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: {
            'triggers.tekton.dev/eventlistener': 'ops-listener',
            'triggers.tekton.dev/trigger': 'prometheus-alert',
          },
        }),
      ).type,
    ).toBe('alert');
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: {
            'triggers.tekton.dev/eventlistener': 'github-listener',
            'triggers.tekton.dev/trigger': 'notebook-push',
          },
        }),
      ),
    ).toEqual({ type: 'webhook', detail: 'github-listener/notebook-push' });
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: { 'triggers.tekton.dev/eventlistener': 'github-listener' },
        }),
      ),
    ).toEqual({ type: 'webhook', detail: 'github-listener' });
  });

  it('lets an explicit webhook label win over listener names', () => {
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: {
            'triggered-by': 'webhook',
            'triggers.tekton.dev/eventlistener': 'git-listener',
          },
        }),
      ),
    ).toEqual({ type: 'webhook', detail: 'git-listener' });
  });

  it('reads the user entity ref backstage-mlops writes, before any label', () => {
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: { 'triggered-by': 'cronjob' },
          annotations: {
            'mlops.backstage.io/triggered-by': 'user:default/jdoe',
          },
        }),
      ),
    ).toEqual({ type: 'user', detail: 'user:default/jdoe' });
  });

  it('reads the seeded manual runs (label user, mlops.dev/requested-by)', () => {
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: { 'triggered-by': 'user' },
          annotations: {
            'mlops.dev/requested-by': 'user:default/data-scientist',
          },
        }),
      ),
    ).toEqual({ type: 'user', detail: 'user:default/data-scientist' });
    expect(
      detectTrigger(
        aPipelineRun('train-x', { labels: { 'triggered-by': 'user' } }),
      ),
    ).toEqual({ type: 'user' });
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          annotations: { 'mlops.dev/requested-by': 'user:default/ops' },
        }),
      ),
    ).toEqual({ type: 'user', detail: 'user:default/ops' });
  });

  it('is unknown without any mark, keeping an unrecognised label value', () => {
    expect(detectTrigger(aPipelineRun('train-x'))).toEqual({ type: 'unknown' });
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: { 'triggered-by': 'argo-workflow' },
        }),
      ),
    ).toEqual({ type: 'unknown', detail: 'argo-workflow' });
  });

  it('ignores blank values', () => {
    expect(
      detectTrigger(
        aPipelineRun('train-x', {
          labels: { 'triggered-by': ' ' },
          annotations: { 'mlops.backstage.io/triggered-by': '' },
        }),
      ),
    ).toEqual({ type: 'unknown' });
  });
});
