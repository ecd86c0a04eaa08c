import {
  type MlopsLiveChange,
  type MlopsSseMessage,
  MlopsSseParser,
} from '@backstage-mlops/plugin-mlops-common';

/**
 * A test client of `GET /api/mlops/live`: reads the stream with fetch, as the
 * frontend does, and keeps every message.
 */
export class LiveStreamReader {
  static async open(options: {
    baseUrl: string;
    entityRefs: string[];
    lastEventId?: string;
    headers?: Record<string, string>;
  }): Promise<LiveStreamReader> {
    const url = new URL('/api/mlops/live', options.baseUrl);
    options.entityRefs.forEach(ref => url.searchParams.append('entity', ref));
    const controller = new AbortController();
    const res = await fetch(url, {
      signal: controller.signal,
      headers: {
        accept: 'text/event-stream',
        ...(options.lastEventId
          ? { 'last-event-id': options.lastEventId }
          : {}),
        ...options.headers,
      },
    });
    const reader = new LiveStreamReader(res, controller);
    if (res.ok && res.body) {
      reader.pump(res.body);
    }
    return reader;
  }

  readonly messages: MlopsSseMessage[] = [];
  readonly parser = new MlopsSseParser(m => this.messages.push(m));
  ended = false;
  /** Heartbeat comments seen (`: ping`). */
  pings = 0;

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {}

  /** The `change` events so far, parsed. */
  changes(): MlopsLiveChange[] {
    return this.messages
      .filter(m => m.event === 'change')
      .map(m => JSON.parse(m.data) as MlopsLiveChange);
  }

  async waitFor<T>(
    probe: (reader: LiveStreamReader) => T | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe(this);
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        throw new Error(
          `${what}: not within ${timeoutMs} ms; got ${this.messages
            .map(m => `${m.event}:${m.data.slice(0, 120)}`)
            .join(' | ')}`,
        );
      }
      await new Promise(r => setTimeout(r, 20));
    }
  }

  close() {
    this.controller.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        this.pings += text.split(': ping\n').length - 1;
        this.parser.push(text);
      }
    } catch {
      // aborted
    }
    this.ended = true;
  }
}
