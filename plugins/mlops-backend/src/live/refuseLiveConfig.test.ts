import { mockServices } from '@backstage/backend-test-utils';
import { refuseLiveConfig } from './refuseLiveConfig';

describe('refuseLiveConfig', () => {
  it('refuses the removed mlops.live keys, naming them and what replaced them', () => {
    expect(() =>
      refuseLiveConfig(
        mockServices.rootConfig({
          data: { mlops: { live: { maxConnections: 10 } } },
        }),
      ),
    ).toThrow(
      /mlops\.live is no longer read: live updates go through Backstage Signals.*remove mlops\.live/,
    );
  });

  it('accepts a config without them', () => {
    expect(() =>
      refuseLiveConfig(
        mockServices.rootConfig({
          data: { mlops: { logs: { maxKilobytes: 1 } } },
        }),
      ),
    ).not.toThrow();
  });
});
