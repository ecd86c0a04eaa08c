import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { MLOPS_ENTITY_CHANGED_CHANNEL } from '@backstage-mlops/plugin-mlops-common';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { fakeSignalApi } from '../__testUtils__/fakeSignalApi';
import {
  MLOPS_POLL_INTERVAL_MS,
  useMlopsLiveUpdates,
} from './useMlopsLiveUpdates';

describe('useMlopsLiveUpdates', () => {
  afterEach(() => jest.useRealTimers());

  it('is live with a signal API and calls back for signals naming the entity, in any case', () => {
    const signals = fakeSignalApi();
    const onChange = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals]]}>
        {children}
      </TestApiProvider>
    );
    const { result, unmount } = renderHook(
      () =>
        useMlopsLiveUpdates(
          { kind: 'Component', namespace: 'default', name: 'Anomaly-Detector' },
          onChange,
        ),
      { wrapper },
    );
    expect(result.current).toBe('live');
    act(() => {
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, {
        entityRef: 'component:default/anomaly-detector',
      });
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, {
        entityRef: 'component:default/other',
      });
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, { unexpected: true });
    });
    expect(onChange).toHaveBeenCalledTimes(1);
    unmount();
    expect(signals.subscribers()).toBe(0);
  });

  it('polls every 15 s without a signal API, and stops when unmounted', () => {
    jest.useFakeTimers();
    const onChange = jest.fn();
    const { result, unmount } = renderHook(() =>
      useMlopsLiveUpdates('component:default/anomaly-detector', onChange),
    );
    expect(result.current).toBe('polling');
    act(() => jest.advanceTimersByTime(MLOPS_POLL_INTERVAL_MS - 1));
    expect(onChange).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onChange).toHaveBeenCalledTimes(1);
    unmount();
    act(() => jest.advanceTimersByTime(MLOPS_POLL_INTERVAL_MS * 3));
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
