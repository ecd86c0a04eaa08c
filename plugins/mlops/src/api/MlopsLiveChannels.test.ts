import type {
  MlopsLiveChange,
  MlopsLiveStreamOptions,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsLiveListener, MlopsLiveStatus } from './MlopsApi';
import { MlopsLiveChannels } from './MlopsLiveChannels';

/** A stand-in for openMlopsLiveStream that records what was opened and closed. */
function fakeStreams() {
  const opened: Array<{ options: MlopsLiveStreamOptions; closed: boolean }> =
    [];
  return {
    opened,
    open: (options: MlopsLiveStreamOptions) => {
      const stream = { options, closed: false };
      opened.push(stream);
      return () => {
        stream.closed = true;
      };
    },
  };
}

function recorder() {
  const changes: Array<MlopsLiveChange | undefined> = [];
  const statuses: MlopsLiveStatus[] = [];
  const listener: MlopsLiveListener = {
    onChange: change => changes.push(change),
    onStatus: status => statuses.push(status),
  };
  return { listener, changes, statuses };
}

const change = {
  type: 'pipelineRun',
  change: 'upsert',
  entityRef: 'component:default/m',
  cluster: 'dev',
  namespace: 'ns',
  name: 'train-m-1',
  item: {},
} as unknown as MlopsLiveChange;

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

function channels(streams = fakeStreams()) {
  return new MlopsLiveChannels({
    getBaseUrl: async () => 'http://backend/api/mlops',
    fetch: jest.fn(),
    openStream: streams.open,
  });
}

describe('MlopsLiveChannels', () => {
  it('opens one stream per entity for every view of it, and closes it when the last leaves', async () => {
    const streams = fakeStreams();
    const live = channels(streams);
    const a = recorder();
    const b = recorder();
    const offA = live.subscribe('component:default/m', a.listener);
    const offB = live.subscribe('component:default/m', b.listener);
    await flush();

    expect(streams.opened).toHaveLength(1);
    expect(streams.opened[0].options.entityRefs).toEqual([
      'component:default/m',
    ]);
    expect(streams.opened[0].options.baseUrl).toBe('http://backend/api/mlops');

    streams.opened[0].options.onChange(change);
    expect(a.changes).toEqual([change]);
    expect(b.changes).toEqual([change]);

    offA();
    expect(streams.opened[0].closed).toBe(false);
    offB();
    expect(streams.opened[0].closed).toBe(true);

    live.subscribe('component:default/m', recorder().listener);
    await flush();
    expect(streams.opened).toHaveLength(2);
  });

  it('says connecting, then live; reads again only when a reopened stream could not resume', async () => {
    const streams = fakeStreams();
    const view = recorder();
    channels(streams).subscribe('component:default/m', view.listener);
    await flush();
    const { options } = streams.opened[0];

    options.onReady!({ entityRefs: [], resumed: false, heartbeatMs: 1 });
    expect(view.statuses).toEqual(['connecting', 'live']);
    expect(view.changes).toEqual([]);

    options.onReady!({ entityRefs: [], resumed: true, heartbeatMs: 1 });
    expect(view.changes).toEqual([]);

    options.onReady!({ entityRefs: [], resumed: false, heartbeatMs: 1 });
    options.onResync!({ reason: 'server-restarted' });
    expect(view.changes).toEqual([undefined, undefined]);
  });

  it('polls while the stream cannot be opened, without a read right after the first one', async () => {
    const streams = fakeStreams();
    const view = recorder();
    channels(streams).subscribe('component:default/m', view.listener);
    await flush();
    const { options } = streams.opened[0];

    options.onPoll!();
    expect(view.statuses).toEqual(['connecting', 'polling']);
    expect(view.changes).toEqual([]);
    options.onPoll!();
    expect(view.changes).toEqual([undefined]);
  });

  it('says off when the backend refuses the stream', async () => {
    const streams = fakeStreams();
    const view = recorder();
    channels(streams).subscribe('component:default/m', view.listener);
    await flush();
    streams.opened[0].options.onError!(new Error('HTTP 403'));
    expect(view.statuses).toEqual(['connecting', 'off']);
  });

  it('never opens a stream for a view that left before the base URL was known', async () => {
    const streams = fakeStreams();
    const live = channels(streams);
    const off = live.subscribe('component:default/m', recorder().listener);
    off();
    await flush();
    expect(streams.opened).toHaveLength(0);
  });
});
