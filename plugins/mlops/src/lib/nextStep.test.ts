import { modelSummary } from '../__testUtils__/wireFixtures';
import { nextStep } from './nextStep';

describe('nextStep', () => {
  it('says nothing when all is well', () => {
    expect(nextStep(modelSummary())).toBeUndefined();
  });

  it('starts with serving, then training, validation and build', () => {
    const failedEverything = modelSummary({
      serving: {
        name: 's',
        ready: 'False',
        modelState: {
          state: 'FailedToLoad',
          loadFailure: { reason: 'ModelLoadFailed', message: 'boom' },
        },
      },
      lastTraining: { name: 'r1', status: 'Failed' },
      lastValidation: {
        name: 'v',
        phase: 'Failed',
        status: 'Failed',
        errorCategory: 'dependency_install_failed',
      },
      lastBuild: { name: 'b', phase: 'Failed', status: 'Failed' },
    });
    expect(nextStep(failedEverything)).toMatch(
      /model fails to load \(boom\).*Health tab/,
    );
    expect(
      nextStep({ ...failedEverything, serving: modelSummary().serving }),
    ).toMatch(/last training run r1 failed.*Training tab/);
    expect(
      nextStep({
        ...failedEverything,
        serving: modelSummary().serving,
        lastTraining: modelSummary().lastTraining,
      }),
    ).toMatch(/^Dependencies could not be installed: .*S2I build/);
  });

  it('says to train or serve a model that never was', () => {
    expect(nextStep(modelSummary({ lastTraining: undefined }))).toMatch(
      /never been trained/,
    );
    expect(nextStep(modelSummary({ serving: undefined }))).toMatch(
      /not served.*mlops\.backstage\.io\/inference-service/,
    );
  });

  it('passes on the backend problem', () => {
    expect(
      nextStep({
        entityRef: 'component:default/x',
        problem: 'cluster dev unreachable',
      }),
    ).toBe('cluster dev unreachable');
  });
});
