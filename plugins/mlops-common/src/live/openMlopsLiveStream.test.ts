import { openMlopsLiveStream } from './openMlopsLiveStream';

/** A Response whose body streams the given SSE text, then ends. */
function sseResponse(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  });
}

const change = {
  type: 'pipelineRun',
  change: 'upsert',
  entityRef: 'component:default/m',
  cluster: 'dev',
  namespace: 'ns',
  name: 'run-1',
  item: { name: 'run-1', status: 'Running' },
};

async function until(probe: () => boolean) {
  const deadline = Date.now() + 2000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 5));
  }
}

describe('openMlopsLiveStream', () => {
  it('delivers events and reconnects with Last-Event-ID after the retry delay', async () => {
    const calls: Array<{ url: string; lastEventId?: string }> = [];
    const responses = [
      sseResponse(
        `retry: 10\n\nid: e.1\nevent: ready\ndata: {"entityRefs":["component:default/m"],"resumed":false,"heartbeatMs":15000}\n\nid: e.2\nevent: change\ndata: ${JSON.stringify(
          change,
        )}\n\n`,
      ),
      sseResponse(
        'id: e.2\nevent: ready\ndata: {"entityRefs":[],"resumed":true,"heartbeatMs":15000}\n\n',
      ),
    ];
    const fetch = jest.fn(async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      calls.push({ url, lastEventId: headers['last-event-id'] });
      return responses.shift() ?? new Promise<Response>(() => {});
    });
    const changes: unknown[] = [];
    const ready: boolean[] = [];
    const onPoll = jest.fn();
    const close = openMlopsLiveStream({
      fetch,
      baseUrl: 'http://backend/api/mlops/',
      entityRefs: ['component:default/m', 'component:default/n'],
      onChange: c => changes.push(c),
      onReady: r => ready.push(r.resumed),
      onPoll,
    });
    await until(() => calls.length === 3);
    close();
    expect(calls[0]).toEqual({
      url: 'http://backend/api/mlops/live?entity=component%3Adefault%2Fm&entity=component%3Adefault%2Fn',
      lastEventId: undefined,
    });
    expect(calls[1].lastEventId).toBe('e.2');
    expect(changes).toEqual([change]);
    expect(ready).toEqual([false, true]);
    expect(onPoll).not.toHaveBeenCalled();
  });

  it('polls while the stream cannot be opened, and stops polling once it opens', async () => {
    const responses: Array<() => Promise<Response>> = [
      async () => new Response('busy', { status: 503 }),
      async () => {
        throw new TypeError('network down');
      },
      async () =>
        sseResponse(
          'retry: 10000\n\nid: e.1\nevent: ready\ndata: {"entityRefs":[],"resumed":false,"heartbeatMs":1}\n\n',
        ),
    ];
    const fetch = jest.fn(
      (_url: string, _init: RequestInit) =>
        responses.shift()?.() ?? new Promise<Response>(() => {}),
    );
    const onPoll = jest.fn();
    const onReady = jest.fn();
    const close = openMlopsLiveStream({
      fetch,
      baseUrl: 'http://backend/api/mlops',
      entityRefs: ['component:default/m'],
      onChange: () => {},
      onReady,
      onPoll,
      pollIntervalMs: 5,
      maxBackoffMs: 20,
    });
    await until(() => onReady.mock.calls.length === 1);
    const polls = onPoll.mock.calls.length;
    expect(polls).toBeGreaterThanOrEqual(1);
    await new Promise(r => setTimeout(r, 50));
    expect(onPoll.mock.calls.length).toBe(polls);
    close();
  });

  it('stops and reports a refusal such as 403', async () => {
    const fetch = jest.fn(async () => new Response('no', { status: 403 }));
    const onError = jest.fn();
    const onPoll = jest.fn();
    openMlopsLiveStream({
      fetch,
      baseUrl: 'http://backend/api/mlops',
      entityRefs: ['component:default/m'],
      onChange: () => {},
      onError,
      onPoll,
    });
    await until(() => onError.mock.calls.length === 1);
    await new Promise(r => setTimeout(r, 20));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onPoll).not.toHaveBeenCalled();
  });
});
