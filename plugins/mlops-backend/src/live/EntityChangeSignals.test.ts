import { mockServices } from '@backstage/backend-test-utils';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { MLOPS_ENTITY_CHANGED_CHANNEL } from '@backstage-mlops/plugin-mlops-common';
import {
  ENTITY_SIGNAL_WINDOW_MS,
  EntityChangeSignals,
} from './EntityChangeSignals';

const MODEL = 'component:default/anomaly-detector';
const OTHER = 'component:default/churn-predictor';

function recordingSignals() {
  const published: Array<Parameters<SignalsService['publish']>[0]> = [];
  const signals: SignalsService = {
    publish: async signal => {
      published.push(signal);
    },
  };
  return { signals, published };
}

const refsOf = (published: ReturnType<typeof recordingSignals>['published']) =>
  published.map(p => (p.message as { entityRef: string }).entityRef);

describe('EntityChangeSignals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('signals the first change at once, on the documented channel, to everyone, with nothing but the entity ref', () => {
    const { signals, published } = recordingSignals();
    const coalescer = EntityChangeSignals.create({
      signals,
      logger: mockServices.logger.mock(),
    });
    coalescer.changed(MODEL);
    expect(published).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: MLOPS_ENTITY_CHANGED_CHANNEL,
        message: { entityRef: MODEL },
      },
    ]);
    coalescer.stop();
  });

  it('turns a burst (a PipelineRun and its ten TaskRuns) into one signal now and one at the end of the window', () => {
    const { signals, published } = recordingSignals();
    const coalescer = EntityChangeSignals.create({
      signals,
      logger: mockServices.logger.mock(),
    });
    // 200 changes over 0.8 s: the run and its TaskRuns' status updates.
    for (let i = 0; i < 200; i++) {
      coalescer.changed(MODEL);
      jest.advanceTimersByTime(4);
    }
    expect(refsOf(published)).toEqual([MODEL]);
    jest.advanceTimersByTime(ENTITY_SIGNAL_WINDOW_MS - 800 - 1);
    expect(published).toHaveLength(1);
    jest.advanceTimersByTime(1);
    // The last change of the burst is signalled after it happened.
    expect(refsOf(published)).toEqual([MODEL, MODEL]);
    // Nothing more without changes.
    jest.advanceTimersByTime(10 * ENTITY_SIGNAL_WINDOW_MS);
    expect(published).toHaveLength(2);
  });

  it('keeps a steady stream of changes to one signal per window', () => {
    const { signals, published } = recordingSignals();
    const coalescer = EntityChangeSignals.create({
      signals,
      logger: mockServices.logger.mock(),
    });
    // Ten seconds of a change every 10 ms.
    for (let t = 0; t < 10_000; t += 10) {
      coalescer.changed(MODEL);
      jest.advanceTimersByTime(10);
    }
    jest.advanceTimersByTime(ENTITY_SIGNAL_WINDOW_MS);
    expect(published.length).toBeGreaterThanOrEqual(10);
    expect(published.length).toBeLessThanOrEqual(11);
    coalescer.stop();
  });

  it('coalesces each entity on its own, and a change after a quiet window is signalled at once', () => {
    const { signals, published } = recordingSignals();
    const coalescer = EntityChangeSignals.create({
      signals,
      logger: mockServices.logger.mock(),
    });
    coalescer.changed(MODEL);
    coalescer.changed(OTHER);
    coalescer.changed(MODEL);
    expect(refsOf(published)).toEqual([MODEL, OTHER]);
    jest.advanceTimersByTime(ENTITY_SIGNAL_WINDOW_MS);
    expect(refsOf(published)).toEqual([MODEL, OTHER, MODEL]);
    jest.advanceTimersByTime(ENTITY_SIGNAL_WINDOW_MS);
    coalescer.changed(OTHER);
    expect(refsOf(published)).toEqual([MODEL, OTHER, MODEL, OTHER]);
    coalescer.stop();
  });

  it('logs a failed publish instead of throwing, and stop() drops pending signals', async () => {
    const logger = mockServices.logger.mock();
    const publish = jest.fn().mockRejectedValue(new Error('bus down'));
    const coalescer = EntityChangeSignals.create({
      signals: { publish },
      logger,
    });
    coalescer.changed(MODEL);
    coalescer.changed(MODEL);
    await Promise.resolve();
    await Promise.resolve();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `cannot signal that ${MODEL} changed: Error: bus down`,
      ),
    );
    coalescer.stop();
    jest.advanceTimersByTime(ENTITY_SIGNAL_WINDOW_MS * 2);
    expect(publish).toHaveBeenCalledTimes(1);
  });
});
