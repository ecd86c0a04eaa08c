/**
 * One server-sent event.
 *
 * @public
 */
export interface MlopsSseMessage {
  /** The `event:` name (`message` when none was sent). */
  event: string;
  /** The `data:` lines, joined with newlines. */
  data: string;
  /** The `id:` of this message, if it had one. */
  id?: string;
}

/**
 * An incremental parser of a `text/event-stream` body (the WHATWG rules:
 * `field: value` lines, a blank line ends a message, `:` lines are comments), for reading the
 * live-updates stream with `fetch` — which, unlike `EventSource`, can send the
 * Backstage token in the `Authorization` header.
 *
 * @public
 */
export class MlopsSseParser {
  private pending = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private messageHasId = false;
  /** The last `id:` seen: send it as `Last-Event-ID` when reconnecting. */
  lastEventId: string | undefined;
  /** The reconnect delay the server asked for with `retry:`. */
  retryMs: number | undefined;

  constructor(private readonly onMessage: (message: MlopsSseMessage) => void) {}

  /** Feeds the next chunk of text; calls `onMessage` for every complete message. */
  push(chunk: string): void {
    let text = this.pending + chunk;
    // A chunk that ends with '\r' may be half of '\r\n': hold it for the next chunk.
    let held = '';
    if (text.endsWith('\r')) {
      held = '\r';
      text = text.slice(0, -1);
    }
    const lines = text.split(/\r\n|\r|\n/);
    // The last piece is an incomplete line ('' after a line break).
    this.pending = (lines.pop() ?? '') + held;
    for (const line of lines) {
      this.line(line);
    }
  }

  private line(line: string) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.id = value;
          this.messageHasId = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch() {
    if (this.messageHasId) {
      this.lastEventId = this.id;
    }
    if (this.data.length > 0) {
      const message: MlopsSseMessage = {
        event: this.event || 'message',
        data: this.data.join('\n'),
      };
      if (this.messageHasId) message.id = this.id;
      this.onMessage(message);
    }
    this.data = [];
    this.event = '';
    this.messageHasId = false;
  }
}
