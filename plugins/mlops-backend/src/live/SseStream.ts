import type { Response } from 'express';

/**
 * One server-sent-events response: writes events, comments and the reconnect delay,
 * flushes each write (no compression, no proxy buffering), and tells whether the
 * client keeps up.
 *
 * @internal
 */
export class SseStream {
  /** Sends the SSE headers and the client's reconnect delay. */
  static open(res: Response, options: { retryMs: number }): SseStream {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform keeps the compression middleware from buffering the stream.
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    const stream = new SseStream(res);
    stream.write(`retry: ${Math.round(options.retryMs)}\n\n`);
    return stream;
  }

  private constructor(private readonly res: Response) {}

  /** Whether the response is still writable. */
  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  /** Bytes written but not yet taken by the client's connection. */
  get backlogBytes(): number {
    return this.res.writableLength;
  }

  /** One event; `id` is what the client sends back as `Last-Event-ID`. */
  event(name: string, data: unknown, id?: string): void {
    const lines = [];
    if (id !== undefined) lines.push(`id: ${id}`);
    lines.push(`event: ${name}`, `data: ${JSON.stringify(data)}`);
    this.write(`${lines.join('\n')}\n\n`);
  }

  /**
   * A comment line, e.g. a heartbeat. With an `id`, the client's last event id moves
   * on although no event is dispatched (an SSE message without data).
   */
  comment(text: string, id?: string): void {
    this.write(`${id === undefined ? '' : `id: ${id}\n`}: ${text}\n\n`);
  }

  end(): void {
    if (this.open) this.res.end();
  }

  private write(text: string) {
    if (this.open) {
      this.res.write(text);
    }
  }
}
