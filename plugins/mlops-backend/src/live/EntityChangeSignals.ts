import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  MLOPS_ENTITY_CHANGED_CHANNEL,
  type MlopsEntityChangedSignal,
} from '@backstage-mlops/plugin-mlops-common';
import type { SignalsService } from '@backstage/plugin-signals-node';

/**
 * At most one signal per entity per second. A PipelineRun with ten TaskRuns writes
 * dozens of status updates within a second (each TaskRun's steps, then the run's
 * conditions); every signal makes every open view of the entity read again, so one
 * per second bounds that load to one read per view per second, while a second is
 * still "as it happens" to a person watching a tab.
 */
export const ENTITY_SIGNAL_WINDOW_MS = 1000;

interface Window {
  /** A change came after the signal that opened the window. */
  pending: boolean;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Publishes the entity-changed signal (mlops-common's `MLOPS_ENTITY_CHANGED_CHANNEL`),
 * coalesced per entity: the first change is signalled at once and opens a window of
 * {@link ENTITY_SIGNAL_WINDOW_MS}; changes within the window are signalled once when
 * it ends (which opens the next window), so the last change of a burst is always
 * signalled after it happened, and a view that reads again then sees it.
 *
 * Recipients are `broadcast`: the message carries nothing but the entity ref, and the
 * browser reads what changed through the routes, which check the user's permission
 * on every read, so a signal tells a user nothing the user may not read (beyond the
 * fact that an entity of that name changed).
 *
 * @internal
 */
export class EntityChangeSignals {
  static create(options: {
    signals: SignalsService;
    logger: LoggerService;
    windowMs?: number;
  }): EntityChangeSignals {
    return new EntityChangeSignals(
      options.signals,
      options.logger,
      options.windowMs ?? ENTITY_SIGNAL_WINDOW_MS,
    );
  }

  private readonly windows = new Map<string, Window>();

  private constructor(
    private readonly signals: SignalsService,
    private readonly logger: LoggerService,
    private readonly windowMs: number,
  ) {}

  /** An object of the entity (a normalized ref) changed. */
  changed(entityRef: string): void {
    const open = this.windows.get(entityRef);
    if (open) {
      open.pending = true;
      return;
    }
    this.publish(entityRef);
    this.openWindow(entityRef);
  }

  /** Drops pending signals and their timers (at shutdown). */
  stop(): void {
    this.windows.forEach(window => clearTimeout(window.timer));
    this.windows.clear();
  }

  private openWindow(entityRef: string) {
    const timer = setTimeout(() => {
      const window = this.windows.get(entityRef);
      this.windows.delete(entityRef);
      if (window?.pending) {
        this.publish(entityRef);
        this.openWindow(entityRef);
      }
    }, this.windowMs);
    timer.unref?.();
    this.windows.set(entityRef, { pending: false, timer });
  }

  private publish(entityRef: string) {
    const message: MlopsEntityChangedSignal = { entityRef };
    this.signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: MLOPS_ENTITY_CHANGED_CHANNEL,
        message,
      })
      .catch(error =>
        this.logger.warn(
          `live updates: cannot signal that ${entityRef} changed: ${stringifyError(
            error,
          )}`,
        ),
      );
  }
}
