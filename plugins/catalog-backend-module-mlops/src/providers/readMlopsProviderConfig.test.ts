import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readMlopsProviderConfig } from './readMlopsProviderConfig';

describe('readMlopsProviderConfig', () => {
  it('is off without catalog.providers.mlops', () => {
    expect(readMlopsProviderConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('has defaults for an empty block', () => {
    expect(
      readMlopsProviderConfig(
        new ConfigReader({ catalog: { providers: { mlops: {} } } }),
      ),
    ).toEqual({
      mode: 'opt-out',
      defaultOwner: 'unknown',
      defaultLifecycle: 'production',
      deltaDelayMs: 250,
      catalogCheckIntervalMs: 60_000,
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      },
    });
  });

  it('reads every key, the schedule through the scheduler reader', () => {
    const config = readMlopsProviderConfig(
      new ConfigReader({
        catalog: {
          providers: {
            mlops: {
              clusters: ['dev'],
              mode: 'opt-in',
              defaultOwner: 'group:default/ml',
              defaultSystem: 'ml-platform',
              schedule: { frequency: 'PT10M', timeout: { minutes: 2 } },
            },
          },
        },
      }),
    );
    expect(config).toMatchObject({
      clusters: ['dev'],
      mode: 'opt-in',
      defaultOwner: 'group:default/ml',
      defaultSystem: 'ml-platform',
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
    });
  });

  it('names the bad key', () => {
    const read = (mlops: object) => () =>
      readMlopsProviderConfig(
        new ConfigReader({ catalog: { providers: { mlops } } }),
      );
    expect(read({ mode: 'sometimes' })).toThrow(InputError);
    expect(read({ mode: 'sometimes' })).toThrow(/mode/);
    expect(read({ schedule: { frequency: 'often' } })).toThrow(
      /catalog\.providers\.mlops\.schedule/,
    );
  });
});
