import { isMlopsRunFinished, MLOPS_RUN_STATUSES } from './runStatus';

describe('isMlopsRunFinished', () => {
  it('is true exactly for the final statuses', () => {
    expect(MLOPS_RUN_STATUSES.filter(isMlopsRunFinished)).toEqual([
      'Succeeded',
      'Failed',
      'Cancelled',
      'TimedOut',
    ]);
  });
});
