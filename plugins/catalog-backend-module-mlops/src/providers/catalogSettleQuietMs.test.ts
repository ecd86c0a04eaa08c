import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { catalogSettleQuietMs } from './catalogSettleQuietMs';

describe('catalogSettleQuietMs', () => {
  it('is the processing poll plus the default stitcher poll without config', () => {
    expect(catalogSettleQuietMs(new ConfigReader({}))).toBe(2000);
  });

  it('follows catalog.stitchingStrategy.pollingInterval', () => {
    const config = (pollingInterval: JsonValue) =>
      new ConfigReader({ catalog: { stitchingStrategy: { pollingInterval } } });
    expect(catalogSettleQuietMs(config({ milliseconds: 200 }))).toBe(1200);
    expect(catalogSettleQuietMs(config('PT3S'))).toBe(4000);
  });

  it('names the key when the interval is not a duration', () => {
    expect(() =>
      catalogSettleQuietMs(
        new ConfigReader({
          catalog: { stitchingStrategy: { pollingInterval: 'soon' } },
        }),
      ),
    ).toThrow(/catalog\.stitchingStrategy\.pollingInterval is not a duration/);
  });
});
