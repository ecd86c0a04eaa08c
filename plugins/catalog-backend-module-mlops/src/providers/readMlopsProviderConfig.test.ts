import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Duration } from 'luxon';
import {
  readMlopsProviderConfig,
  scheduleInitialDelayMs,
} from './readMlopsProviderConfig';

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

  it('gives the initial delay of the schedule in milliseconds, 15 s by default', () => {
    const read = (mlops: object) =>
      readMlopsProviderConfig(
        new ConfigReader({ catalog: { providers: { mlops } } }),
      )!.schedule;
    expect(scheduleInitialDelayMs(read({}))).toBe(15_000);
    expect(
      scheduleInitialDelayMs(
        read({
          schedule: {
            frequency: 'PT10M',
            timeout: 'PT1M',
            initialDelay: 'PT2S',
          },
        }),
      ),
    ).toBe(2_000);
    expect(
      scheduleInitialDelayMs(
        read({ schedule: { frequency: 'PT10M', timeout: 'PT1M' } }),
      ),
    ).toBe(0);
    expect(
      scheduleInitialDelayMs({
        frequency: { minutes: 1 },
        timeout: { minutes: 1 },
        initialDelay: Duration.fromObject({ seconds: 3 }),
      }),
    ).toBe(3_000);
  });
});
