import { conditionRowTone } from './statusTone';

describe('conditionRowTone', () => {
  it('draws a False Info condition grey: it does not decide readiness', () => {
    expect(
      conditionRowTone({
        type: 'LatestDeploymentReady',
        status: 'False',
        severity: 'Info',
      }),
    ).toBe('aborted');
  });

  it('draws a False Warning condition as a warning', () => {
    expect(
      conditionRowTone({ type: 'X', status: 'False', severity: 'Warning' }),
    ).toBe('warning');
  });

  it('reads KServe Stopped the other way round: False is serving', () => {
    expect(
      conditionRowTone({ type: 'Stopped', status: 'False', severity: 'Info' }),
    ).toBe('ok');
    expect(conditionRowTone({ type: 'Stopped', status: 'True' })).toBe(
      'aborted',
    );
  });

  it('draws any other condition by its status', () => {
    expect(conditionRowTone({ type: 'Ready', status: 'True' })).toBe('ok');
    expect(conditionRowTone({ type: 'Ready', status: 'False' })).toBe('error');
    expect(conditionRowTone({ type: 'Ready', status: 'Unknown' })).toBe(
      'pending',
    );
  });
});
