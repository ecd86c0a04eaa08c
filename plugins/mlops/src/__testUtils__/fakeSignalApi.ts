import type { SignalApi } from '@backstage/plugin-signals-react';

/** A signal's message (`Message`, as `SignalApi.subscribe` takes it). */
type Message = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/**
 * A signal API a test drives, standing in for `@backstage/plugin-signals`'s client:
 * `emit(channel, message)` delivers a message to every current subscriber of the
 * channel, as the signals backend's WebSocket would.
 *
 * @internal
 */
export interface FakeSignalApi extends SignalApi {
  emit(channel: string, message: Message): void;
  /** How many subscriptions are open. */
  subscribers(): number;
}

/** @internal */
export function fakeSignalApi(): FakeSignalApi {
  const subscriptions = new Set<{
    channel: string;
    onMessage: (message: Message) => void;
  }>();
  return {
    subscribe<TMessage extends Message = Message>(
      channel: string,
      onMessage: (message: TMessage) => void,
    ) {
      const subscription = {
        channel,
        onMessage: onMessage as (message: Message) => void,
      };
      subscriptions.add(subscription);
      return { unsubscribe: () => subscriptions.delete(subscription) };
    },
    emit(channel, message) {
      [...subscriptions]
        .filter(s => s.channel === channel)
        .forEach(s => s.onMessage(message));
    },
    subscribers: () => subscriptions.size,
  };
}
