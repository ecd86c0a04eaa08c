import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/**
 * One audit event as {@link recordingAuditor} saw it: how it was opened, and how it
 * ended (none while it is open).
 *
 * @public
 */
export interface RecordedAuditEvent {
  /** The options the event was created with. */
  opened: AuditorServiceCreateEventOptions;
  /** How it ended: a success with its meta, or a failure with its error. */
  outcome?:
    | { status: 'succeeded'; meta?: JsonObject }
    | { status: 'failed'; error: Error };
}

/**
 * An auditor (`coreServices.auditor`) that keeps every event, for tests that check
 * what was recorded, e.g. the `mlops-action` event of a mutation.
 *
 * @public
 */
export function recordingAuditor(): {
  auditor: AuditorService;
  events: RecordedAuditEvent[];
} {
  const events: RecordedAuditEvent[] = [];
  const auditor: AuditorService = {
    async createEvent(opened) {
      const event: RecordedAuditEvent = { opened };
      events.push(event);
      return {
        async success(options) {
          event.outcome = { status: 'succeeded', meta: options?.meta };
        },
        async fail(options) {
          event.outcome = { status: 'failed', error: options.error };
        },
      };
    },
  };
  return { auditor, events };
}
