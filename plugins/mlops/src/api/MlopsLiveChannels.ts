import {
  type MlopsLiveChange,
  type MlopsLiveStreamOptions,
  openMlopsLiveStream,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsLiveListener, MlopsLiveStatus } from './MlopsApi';

/**
 * Opens a live-updates stream and returns the function that closes it
 * (`openMlopsLiveStream` from mlops-common by default).
 *
 * @public
 */
export type MlopsOpenLiveStream = (
  options: MlopsLiveStreamOptions,
) => () => void;

interface Channel {
  listeners: Set<MlopsLiveListener>;
  status: MlopsLiveStatus;
  /** Set once the stream is open; a later `ready` that did not resume means changes were missed. */
  opened: boolean;
  close?: () => void;
  closed: boolean;
}

/**
 * Options of {@link MlopsLiveChannels}.
 *
 * @internal
 */
export interface MlopsLiveChannelsOptions {
  /** The mlops backend's base URL. */
  getBaseUrl: () => Promise<string>;
  /** `fetchApi.fetch`: adds the user's token. */
  fetch: MlopsLiveStreamOptions['fetch'];
  openStream?: MlopsOpenLiveStream;
  /** How often to read again while the stream cannot be opened; default 15 s. */
  pollIntervalMs?: number;
}

/**
 * One live-updates stream per entity, shared by every view of that entity on the
 * page (the Training tab, its charts, the Overview cards): the first subscriber
 * opens it, the last one to leave closes it.
 *
 * @internal
 */
export class MlopsLiveChannels {
  readonly #options: MlopsLiveChannelsOptions;
  readonly #channels = new Map<string, Channel>();

  constructor(options: MlopsLiveChannelsOptions) {
    this.#options = options;
  }

  /** Subscribes to the changes of one entity; returns the function that unsubscribes. */
  subscribe(entityRef: string, listener: MlopsLiveListener): () => void {
    let channel = this.#channels.get(entityRef);
    if (!channel) {
      channel = this.#open(entityRef);
      this.#channels.set(entityRef, channel);
    }
    channel.listeners.add(listener);
    listener.onStatus?.(channel.status);
    const subscribed = channel;
    return () => {
      subscribed.listeners.delete(listener);
      if (
        subscribed.listeners.size === 0 &&
        this.#channels.get(entityRef) === subscribed
      ) {
        this.#channels.delete(entityRef);
        subscribed.closed = true;
        subscribed.close?.();
      }
    };
  }

  #open(entityRef: string): Channel {
    const channel: Channel = {
      listeners: new Set(),
      status: 'connecting',
      opened: false,
      closed: false,
    };
    const setStatus = (status: MlopsLiveStatus) => {
      if (channel.status !== status) {
        channel.status = status;
        channel.listeners.forEach(l => l.onStatus?.(status));
      }
    };
    const changed = (change?: MlopsLiveChange) =>
      channel.listeners.forEach(l => l.onChange(change));
    const open = this.#options.openStream ?? openMlopsLiveStream;
    this.#options.getBaseUrl().then(
      baseUrl => {
        if (channel.closed) return;
        channel.close = open({
          fetch: this.#options.fetch,
          baseUrl,
          entityRefs: [entityRef],
          pollIntervalMs: this.#options.pollIntervalMs,
          onReady: ready => {
            // The first open follows the views' own first read; a reopen that could
            // not resume may have missed changes.
            const missed = channel.opened && !ready.resumed;
            channel.opened = true;
            setStatus('live');
            if (missed) changed();
          },
          onChange: change => changed(change),
          onResync: () => changed(),
          onPoll: () => {
            // The first poll comes at once, while the views' own first read is
            // still fresh; later ones read again.
            const first = channel.status !== 'polling';
            setStatus('polling');
            if (!first || channel.opened) changed();
          },
          onError: () => setStatus('off'),
        });
      },
      () => setStatus('off'),
    );
    return channel;
  }
}
