import { modelSummary } from '../__testUtils__/wireFixtures';
import {
  aspectSortKey,
  needsAttention,
  summaryAspect,
} from './modelSummaryStatus';

describe('summaryAspect', () => {
  it('describes a healthy model', () => {
    const summary = modelSummary();
    expect(summaryAspect(summary, 'training')).toMatchObject({
      tone: 'ok',
      text: 'Succeeded',
    });
    expect(summaryAspect(summary, 'serving')).toMatchObject({
      tone: 'ok',
      text: 'Ready',
    });
    expect(summaryAspect(summary, 'build')).toMatchObject({
      tone: 'ok',
      text: 'Complete',
    });
    expect(summaryAspect(summary, 'validation')).toMatchObject({
      tone: 'ok',
      text: 'Succeeded',
    });
  });

  it('names the failing condition of serving, and a failed load first', () => {
    expect(
      summaryAspect(
        modelSummary({
          serving: {
            name: 'x',
            ready: 'False',
            failingCondition: {
              type: 'PredictorReady',
              reason: 'RevisionMissing',
              message: 'no revision',
            },
          },
        }),
        'serving',
      ),
    ).toEqual({
      tone: 'error',
      text: 'PredictorReady',
      reason: 'RevisionMissing',
      detail: 'no revision',
    });
    expect(
      summaryAspect(
        modelSummary({
          serving: {
            name: 'x',
            ready: 'False',
            modelState: {
              state: 'FailedToLoad',
              loadFailure: { reason: 'ModelLoadFailed', message: 'boom' },
            },
          },
        }),
        'serving',
      ),
    ).toMatchObject({
      tone: 'error',
      text: 'FailedToLoad',
      reason: 'ModelLoadFailed',
      message: 'boom',
    });
  });

  it('gives the error category of a failed validation in words', () => {
    expect(
      summaryAspect(
        modelSummary({
          lastValidation: {
            name: 'v',
            phase: 'Failed',
            status: 'Failed',
            errorCategory: 'dependency_install_failed',
          },
        }),
        'validation',
      ),
    ).toMatchObject({
      tone: 'error',
      text: 'Failed',
      reason: 'Dependencies could not be installed',
    });
  });

  it('is undefined for what the model does not have', () => {
    const bare = { entityRef: 'component:default/x' };
    expect(summaryAspect(bare, 'training')).toBeUndefined();
    expect(summaryAspect(bare, 'serving')).toBeUndefined();
    expect(summaryAspect(bare, 'build')).toBeUndefined();
    expect(summaryAspect(bare, 'validation')).toBeUndefined();
  });
});

describe('aspectSortKey', () => {
  it('puts failures first, newest first within a tone, and nothing last', () => {
    const keys = {
      failedOld: aspectSortKey({
        tone: 'error',
        text: '',
        time: '2025-01-01T00:00:00Z',
      }),
      failedNew: aspectSortKey({
        tone: 'error',
        text: '',
        time: '2025-02-01T00:00:00Z',
      }),
      running: aspectSortKey({ tone: 'running', text: '' }),
      ok: aspectSortKey({ tone: 'ok', text: '', time: '2025-03-01T00:00:00Z' }),
      none: aspectSortKey(undefined),
    };
    const order = Object.entries(keys)
      .sort(([, a], [, b]) => a - b)
      .map(([name]) => name);
    expect(order).toEqual(['failedNew', 'failedOld', 'running', 'ok', 'none']);
  });
});

describe('needsAttention', () => {
  it('flags problems and failures, not a healthy model', () => {
    expect(needsAttention(modelSummary())).toBe(false);
    expect(
      needsAttention({ entityRef: 'component:default/x', problem: 'no ns' }),
    ).toBe(true);
    expect(
      needsAttention(
        modelSummary({
          lastBuild: { name: 'b', phase: 'Failed', status: 'Failed' },
        }),
      ),
    ).toBe(true);
    expect(
      needsAttention(
        modelSummary({
          lastTraining: { name: 'r', status: 'Running' },
        }),
      ),
    ).toBe(false);
  });
});
