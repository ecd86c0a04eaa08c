import { createHash } from 'node:crypto';
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { CustomErrorBase } from '@backstage/errors';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import { createRedactor, type Redactor } from './redact';

/**
 * A request as the transport sends it. `path` is already encoded and starts with `/`.
 *
 * @internal
 */
export interface TransportRequest {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: string;
  contentType?: string;
  accept?: string;
}

/**
 * A complete answer of the API server (any status).
 *
 * @internal
 */
export interface TransportResponse {
  status: number;
  contentType?: string;
  body: string;
}

/**
 * No answer: the connection failed, timed out, or the credentials could not be loaded.
 * `code` is a Node error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, …) or one of ours
 * (`ETIMEDOUT`, `EIDLE`, `ECREDENTIALS`, `EAUTHUNSUPPORTED`, `EABORTED`).
 *
 * @internal
 */
export class NetworkFailure extends CustomErrorBase {
  name = 'NetworkFailure' as const;
  readonly code?: string;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Timeouts of the transport.
 *
 * @internal
 */
export interface TransportTimeouts {
  /** Until a plain request has its whole answer (default 30 s). */
  requestTimeoutMs: number;
}

/**
 * The HTTP(S) layer of one cluster: applies its TLS settings and credentials (through
 * client-node's `KubeConfig`) to each request over a keep-alive agent, and reports
 * network failures as {@link NetworkFailure} with redacted messages. It never logs and
 * never puts a header into a message.
 *
 * @internal
 */
export class ClusterHttpTransport {
  /**
   * `connect` is asked before every request for the cluster's current URL, TLS
   * settings and credential; its errors (an unknown cluster, no credential) are
   * thrown as they are.
   */
  static create(
    connect: () => Promise<ClusterConnection>,
    timeouts?: Partial<TransportTimeouts>,
  ): ClusterHttpTransport {
    return new ClusterHttpTransport(connect, {
      requestTimeoutMs: timeouts?.requestTimeoutMs ?? 30_000,
    });
  }

  private agent?: HttpAgent;
  private agentKey?: string;
  /** The redactor of the last connection (its credentials), and the JWT/Bearer patterns. */
  private lastRedact: Redactor = createRedactor([]);

  private constructor(
    private readonly connect: () => Promise<ClusterConnection>,
    private readonly timeouts: TransportTimeouts,
  ) {}

  /** Removes this cluster's credentials from any text. */
  readonly redact: Redactor = text => this.lastRedact(text);

  /** Sends a request and reads the whole answer. */
  async send(
    request: TransportRequest,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<TransportResponse> {
    const timeoutMs = options?.timeoutMs ?? this.timeouts.requestTimeoutMs;
    const opts = await this.requestOptions(request);
    return new Promise<TransportResponse>((resolve, reject) => {
      const req = this.open(opts);
      const timer = setTimeout(
        () =>
          req.destroy(
            new NetworkFailure(
              `no answer within ${Math.round(timeoutMs / 1000)} s`,
              'ETIMEDOUT',
            ),
          ),
        timeoutMs,
      );
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        reject(this.networkFailure(error));
      };
      req.on('response', res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            contentType: header(res, 'content-type'),
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', error => fail(error));
        res.on('close', () => {
          if (!res.complete) {
            fail(
              new NetworkFailure(
                'the connection closed before the answer was complete',
                'ECONNRESET',
              ),
            );
          }
        });
      });
      req.on('error', fail);
      abortWith(options?.signal, req);
      if (request.body !== undefined) {
        req.write(request.body);
      }
      req.end();
    });
  }

  /**
   * Sends a streaming GET (a watch) and calls `onLine` for each line of a 200 answer.
   * Resolves with `ended` when the server ends the stream, with the whole answer when
   * the status is not 200, and rejects with a {@link NetworkFailure} when the
   * connection breaks, when no answer comes within `connectTimeoutMs`, or when nothing
   * arrives for `idleTimeoutMs` (code `EIDLE`: a hung connection).
   */
  async stream(
    request: TransportRequest,
    options: {
      connectTimeoutMs: number;
      idleTimeoutMs: number;
      onLine: (line: string) => void;
      onOpen?: () => void;
      signal?: AbortSignal;
    },
  ): Promise<'ended' | TransportResponse> {
    let pending = '';
    return this.streamChunks(request, {
      what: 'watch',
      connectTimeoutMs: options.connectTimeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      onOpen: options.onOpen,
      signal: options.signal,
      onChunk: chunk => {
        let text = pending + chunk;
        let newline = text.indexOf('\n');
        while (newline >= 0) {
          const line = text.slice(0, newline).trim();
          text = text.slice(newline + 1);
          if (line) {
            options.onLine(line);
          }
          newline = text.indexOf('\n');
        }
        pending = text;
      },
    });
  }

  /**
   * Sends a streaming GET and calls `onChunk` with each piece of text of a 200 answer
   * (UTF-8, never splitting a character), e.g. a followed log. Resolves and rejects as
   * {@link ClusterHttpTransport.stream} does; an error thrown by `onChunk` or
   * `onOpen` ends the request and rejects with that error.
   */
  async streamChunks(
    request: TransportRequest,
    options: {
      /** What the stream is, in messages ("the watch received nothing …"). */
      what?: string;
      connectTimeoutMs: number;
      idleTimeoutMs: number;
      onChunk: (text: string) => void;
      onOpen?: () => void;
      signal?: AbortSignal;
    },
  ): Promise<'ended' | TransportResponse> {
    const opts = await this.requestOptions(request);
    const what = options.what ?? 'stream';
    return new Promise((resolve, reject) => {
      const req = this.open(opts);
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (fn: () => void) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          fn();
        }
      };
      const arm = (ms: number, failure: NetworkFailure) => {
        clearTimeout(timer);
        timer = setTimeout(() => req.destroy(failure), ms);
      };
      const idle = () =>
        arm(
          options.idleTimeoutMs,
          new NetworkFailure(
            `the ${what} received nothing for ${Math.round(
              options.idleTimeoutMs / 1000,
            )} s (hung connection)`,
            'EIDLE',
          ),
        );
      req.on('response', res => {
        if (res.statusCode !== 200) {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            settle(() =>
              resolve({
                status: res.statusCode ?? 0,
                contentType: header(res, 'content-type'),
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            ),
          );
          return;
        }
        idle();
        try {
          options.onOpen?.();
        } catch (error) {
          settle(() => reject(error));
          req.destroy();
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          idle();
          try {
            options.onChunk(chunk);
          } catch (error) {
            // The consumer's error ends the stream as it is.
            settle(() => reject(error));
            req.destroy();
          }
        });
        res.on('end', () => settle(() => resolve('ended')));
        res.on('close', () => {
          if (!res.complete) {
            settle(() =>
              reject(
                new NetworkFailure(
                  `the connection closed in the middle of the ${what}`,
                  'ECONNRESET',
                ),
              ),
            );
          }
        });
        res.on('error', error =>
          settle(() => reject(this.networkFailure(error))),
        );
      });
      arm(
        options.connectTimeoutMs,
        new NetworkFailure(
          `no answer within ${Math.round(options.connectTimeoutMs / 1000)} s`,
          'ETIMEDOUT',
        ),
      );
      req.on('error', error =>
        settle(() => reject(this.networkFailure(error))),
      );
      abortWith(options.signal, req);
      req.end();
    });
  }

  private open(opts: RequestOptions): ClientRequest {
    const req = (opts.protocol === 'https:' ? httpsRequest : httpRequest)(opts);
    req.on('socket', socket => socket.setKeepAlive(true, 30_000));
    return req;
  }

  private async requestOptions(
    request: TransportRequest,
  ): Promise<RequestOptions> {
    const connection = await this.connect();
    this.lastRedact = connection.redact;
    const base = new URL(connection.descriptor.url);
    const url = new URL(base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${request.path}`;
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(key, String(value));
      }
    }
    const headers: Record<string, string> = {
      accept: request.accept ?? 'application/json',
      'user-agent': 'backstage-mlops',
    };
    if (request.body !== undefined) {
      headers['content-type'] = request.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }
    const opts: RequestOptions & {
      ca?: Buffer;
      cert?: Buffer;
      key?: Buffer;
      rejectUnauthorized?: boolean;
      servername?: string;
    } = { method: request.method, headers };
    try {
      await connection.kubeConfig.applyToHTTPSOptions(opts);
    } catch (error) {
      throw new NetworkFailure(
        `could not load the credentials for cluster ${
          connection.descriptor.name
        }: ${this.redact(String((error as Error)?.message ?? error))}`,
        'ECREDENTIALS',
      );
    }
    opts.agent = this.agentFor(base.protocol, opts);
    opts.protocol = url.protocol;
    opts.hostname = url.hostname.replace(/^\[|\]$/g, '');
    opts.port = url.port || (url.protocol === 'https:' ? 443 : 80);
    opts.path = `${url.pathname}${url.search}`;
    return opts;
  }

  /** One keep-alive agent per distinct TLS identity (recreated when a rotated cert changes it). */
  private agentFor(
    protocol: string,
    opts: {
      ca?: Buffer;
      cert?: Buffer;
      key?: Buffer;
      rejectUnauthorized?: boolean;
      servername?: string;
    },
  ): HttpAgent {
    const hash = createHash('sha256');
    hash.update(protocol);
    for (const part of [opts.ca, opts.cert, opts.key]) {
      hash.update(part ?? '');
      hash.update('\0');
    }
    hash.update(String(opts.rejectUnauthorized));
    hash.update(String(opts.servername));
    const key = hash.digest('hex');
    if (!this.agent || this.agentKey !== key) {
      this.agent =
        protocol === 'https:'
          ? new HttpsAgent({
              keepAlive: true,
              ca: opts.ca,
              cert: opts.cert,
              key: opts.key,
              rejectUnauthorized: opts.rejectUnauthorized !== false,
              servername: opts.servername,
            })
          : new HttpAgent({ keepAlive: true });
      this.agentKey = key;
    }
    return this.agent;
  }

  private networkFailure(error: unknown): NetworkFailure {
    if (error instanceof NetworkFailure) {
      return error;
    }
    const e = error as NodeJS.ErrnoException | undefined;
    return new NetworkFailure(
      this.redact(String(e?.message ?? error)),
      e?.code ?? (e?.name === 'AbortError' ? 'EABORTED' : undefined),
    );
  }
}

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function abortWith(signal: AbortSignal | undefined, req: ClientRequest) {
  if (!signal) {
    return;
  }
  const abort = () =>
    req.destroy(new NetworkFailure('the request was aborted', 'EABORTED'));
  if (signal.aborted) {
    abort();
  } else {
    signal.addEventListener('abort', abort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', abort));
  }
}
