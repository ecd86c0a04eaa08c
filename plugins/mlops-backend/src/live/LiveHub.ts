import { randomBytes } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import type {
  MlopsLiveChange,
  MlopsLiveReady,
  MlopsLiveResync,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsObjectEvent,
  MlopsObjectStore,
} from '@backstage-mlops/plugin-mlops-node';
import type { Response } from 'express';
import type { ModelTarget } from '../services/ModelAccess';
import type { LiveChangeMapper } from './LiveChangeMapper';
import type { LiveLimits } from './readLiveLimits';
import { SseStream } from './SseStream';

interface BufferedEvent {
  seq: number;
  event: MlopsObjectEvent;
}

interface LiveConnection {
  principal: string;
  targets: ModelTarget[];
  stream: SseStream;
  close: () => void;
}

/**
 * What a client asks for when it opens a stream.
 *
 * @internal
 */
export interface LiveSubscription {
  /** Who is asking (the per-user cap counts by it). */
  principal: string;
  /** The entities, already resolved with the caller's read permission. */
  targets: ModelTarget[];
  /** The client's `Last-Event-ID`, to resume after it. */
  lastEventId?: string;
}

/**
 * The fan-out of live updates: ONE subscription to the object store for the whole
 * backend (so viewers add no API-server load), each store change mapped once per
 * watched entity and written to every stream that watches it, in order.
 *
 * Event ids are `<epoch>.<seq>`: `seq` counts store changes, `epoch` is new at every
 * start, and the last `replayEvents` changes are kept, so a client that reconnects
 * with `Last-Event-ID` gets what it missed; when that is not possible it gets a
 * `resync` event and reloads. Streams are capped globally and per user, end after
 * `maxStreamMs` (the client reconnects and its read permission is checked again),
 * and a stream whose client does not keep up is closed (it resumes on reconnect).
 *
 * @internal
 */
export class LiveHub {
  static create(options: {
    store: MlopsObjectStore;
    mapper: LiveChangeMapper;
    logger: LoggerService;
    limits: LiveLimits;
  }): LiveHub {
    return new LiveHub(
      options.store,
      options.mapper,
      options.logger,
      options.limits,
    );
  }

  private readonly epoch = randomBytes(4).toString('hex');
  private readonly buffer: BufferedEvent[] = [];
  private readonly connections = new Set<LiveConnection>();
  private readonly perPrincipal = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  private receivedSeq = 0;
  private dispatchedSeq = 0;
  private unsubscribe?: () => void;

  private constructor(
    private readonly store: MlopsObjectStore,
    private readonly mapper: LiveChangeMapper,
    private readonly logger: LoggerService,
    private readonly limits: LiveLimits,
  ) {}

  /** Subscribes to the object store (once). */
  start(): void {
    if (!this.unsubscribe) {
      this.unsubscribe = this.store.subscribe(event => this.receive(event));
    }
  }

  /** Unsubscribes and ends every stream. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const connection of [...this.connections]) {
      connection.close();
    }
  }

  /** How many streams are open. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Opens a stream on `res` for the subscription; throws `ServiceUnavailableError`
   * (before anything is written) when a cap is reached.
   */
  open(res: Response, subscription: LiveSubscription): void {
    const { principal } = subscription;
    if (this.connections.size >= this.limits.maxConnections) {
      throw new ServiceUnavailableError(
        `too many live-update streams are open (${this.limits.maxConnections}); poll instead`,
      );
    }
    const mine = this.perPrincipal.get(principal) ?? 0;
    if (mine >= this.limits.maxConnectionsPerUser) {
      throw new ServiceUnavailableError(
        `you have ${mine} live-update streams open, the most allowed; close one or poll instead`,
      );
    }
    const stream = SseStream.open(res, { retryMs: this.limits.retryMs });
    const timers: NodeJS.Timeout[] = [];
    let closed = false;
    let registered = false;
    const connection: LiveConnection = {
      principal,
      targets: subscription.targets,
      stream,
      close: () => {
        if (closed) return;
        closed = true;
        this.connections.delete(connection);
        timers.forEach(timer => clearInterval(timer));
        const left = (this.perPrincipal.get(principal) ?? 1) - 1;
        if (left > 0) this.perPrincipal.set(principal, left);
        else this.perPrincipal.delete(principal);
        stream.end();
      },
    };
    this.perPrincipal.set(principal, mine + 1);
    timers.push(
      // Once registered, a heartbeat carries the id of the last change delivered to
      // every stream, so a client whose entities are quiet still resumes from now.
      setInterval(
        () =>
          stream.comment(
            'ping',
            registered ? this.id(this.dispatchedSeq) : undefined,
          ),
        this.limits.heartbeatMs,
      ),
      setTimeout(() => connection.close(), this.limits.maxStreamMs),
    );
    res.on('close', () => connection.close());

    // Registered in the dispatch queue: what was dispatched before is replayed, what
    // comes after is delivered live; nothing twice, nothing lost.
    this.enqueue(async () => {
      if (closed || !stream.open) return;
      this.connections.add(connection);
      const resume = this.resumePoint(subscription.lastEventId);
      const ready: MlopsLiveReady = {
        entityRefs: subscription.targets.map(t => t.entityRef),
        resumed: resume.ok,
        heartbeatMs: this.limits.heartbeatMs,
      };
      // A resumed stream's ids go on from the client's; the replay follows.
      stream.event(
        'ready',
        ready,
        this.id(resume.ok ? resume.after : this.dispatchedSeq),
      );
      if (resume.ok) {
        // Taken now: changes that arrive meanwhile are delivered live, after this task.
        const dispatched = this.dispatchedSeq;
        const missed = this.buffer.filter(
          b => b.seq > resume.after && b.seq <= dispatched,
        );
        for (const buffered of missed) {
          await this.deliver(buffered, [connection]);
        }
      } else if (resume.reason) {
        const resync: MlopsLiveResync = { reason: resume.reason };
        stream.event('resync', resync);
      }
      registered = true;
    });
  }

  private receive(event: MlopsObjectEvent) {
    const buffered = { seq: ++this.receivedSeq, event };
    this.buffer.push(buffered);
    if (this.buffer.length > this.limits.replayEvents) {
      this.buffer.shift();
    }
    this.enqueue(async () => {
      if (this.connections.size > 0) {
        await this.deliver(buffered, [...this.connections]);
      }
      this.dispatchedSeq = buffered.seq;
    });
  }

  /** Maps the change once per watched entity and writes it to each stream. */
  private async deliver(buffered: BufferedEvent, to: LiveConnection[]) {
    const mapped = new Map<string, Promise<MlopsLiveChange | undefined>>();
    for (const connection of to) {
      for (const target of connection.targets) {
        if (!mapped.has(target.entityRef)) {
          mapped.set(
            target.entityRef,
            this.mapper.map(target, buffered.event).catch(error => {
              this.logger.warn(
                `live update of ${target.entityRef} failed: ${stringifyError(
                  error,
                )}`,
              );
              return undefined;
            }),
          );
        }
      }
    }
    const changes = new Map<string, MlopsLiveChange | undefined>();
    for (const [ref, change] of mapped) {
      changes.set(ref, await change);
    }
    const id = this.id(buffered.seq);
    for (const connection of to) {
      const mine = connection.targets
        .map(t => changes.get(t.entityRef))
        .filter((c): c is MlopsLiveChange => c !== undefined);
      mine.forEach((change, i) =>
        // The id goes on the last message of the change, so a resume never skips part of it.
        connection.stream.event(
          'change',
          change,
          i === mine.length - 1 ? id : undefined,
        ),
      );
      if (connection.stream.backlogBytes > this.limits.maxBacklogBytes) {
        this.logger.info(
          `closing a live-update stream of ${connection.principal}: its client is not keeping up`,
        );
        connection.close();
      }
    }
  }

  private resumePoint(
    lastEventId: string | undefined,
  ):
    | { ok: true; after: number }
    | { ok: false; reason?: MlopsLiveResync['reason'] } {
    if (!lastEventId) {
      return { ok: false };
    }
    const [epoch, seqText] = lastEventId.split('.');
    const seq = Number(seqText);
    if (epoch !== this.epoch || !Number.isInteger(seq) || seq < 0) {
      return { ok: false, reason: 'server-restarted' };
    }
    const oldest = this.buffer[0]?.seq ?? this.dispatchedSeq + 1;
    if (seq > this.dispatchedSeq || seq < oldest - 1) {
      return { ok: false, reason: 'resume-point-too-old' };
    }
    return { ok: true, after: seq };
  }

  private id(seq: number): string {
    return `${this.epoch}.${seq}`;
  }

  private enqueue(task: () => Promise<void>) {
    this.queue = this.queue
      .then(task)
      .catch(error =>
        this.logger.error(`live updates: ${stringifyError(error)}`),
      );
  }
}
