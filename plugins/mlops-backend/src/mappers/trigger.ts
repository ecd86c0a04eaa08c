import {
  MLOPS_ANNOTATION_TRIGGERED_BY,
  MLOPS_TRIGGERED_BY_LABEL,
  type MlopsTrigger,
  type MlopsTriggerType,
} from '@backstage-mlops/plugin-mlops-common';
import type { SlimPipelineRun } from '@backstage-mlops/plugin-mlops-node';

/** Labels Tekton Triggers puts on the objects an EventListener creates. */
const EVENT_LISTENER_LABEL = 'triggers.tekton.dev/eventlistener';
const TRIGGER_LABEL = 'triggers.tekton.dev/trigger';
/** Annotation the platform's manual runs carry (the dev cluster's seeds too). */
const REQUESTED_BY_ANNOTATION = 'mlops.dev/requested-by';

const ALERT_WORDS = /alert|drift/i;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function typeOfTriggeredByLabel(value: string): MlopsTriggerType | undefined {
  const word = value.toLowerCase();
  if (ALERT_WORDS.test(word)) {
    return 'alert';
  }
  if (['cronjob', 'cron', 'schedule', 'scheduled'].includes(word)) {
    return 'cron';
  }
  if (['webhook', 'eventlistener', 'git', 'push'].includes(word)) {
    return 'webhook';
  }
  if (['user', 'manual', 'console', 'backstage'].includes(word)) {
    return 'user';
  }
  return undefined;
}

/**
 * What started a training PipelineRun, from the marks each starter leaves, most
 * specific first:
 *
 * 1. `mlops.backstage.io/triggered-by` (set by backstage-mlops when a person runs
 *    training): `user`, with that user's entity ref.
 * 2. The `triggered-by` label of ADR-053: `cronjob` → `cron`; any value naming an alert
 *    or drift (`drift-alert`) → `alert`; `webhook` → `webhook`; `user`/`manual` →
 *    `user`.
 * 3. The Tekton Triggers labels `triggers.tekton.dev/eventlistener` and
 *    `triggers.tekton.dev/trigger`: `alert` when either name says alert or drift,
 *    else `webhook`; the detail is `<listener>/<trigger>`.
 * 4. The annotation `mlops.dev/requested-by`: `user`.
 *
 * Otherwise `unknown` (with the unrecognised `triggered-by` value as detail, if any).
 *
 * @internal
 */
export function detectTrigger(run: SlimPipelineRun): MlopsTrigger {
  const labels = run.metadata.labels ?? {};
  const annotations = run.metadata.annotations ?? {};

  const backstageUser = nonEmpty(annotations[MLOPS_ANNOTATION_TRIGGERED_BY]);
  if (backstageUser) {
    return { type: 'user', detail: backstageUser };
  }

  const listener = nonEmpty(labels[EVENT_LISTENER_LABEL]);
  const trigger = nonEmpty(labels[TRIGGER_LABEL]);
  const listenerDetail =
    listener || trigger
      ? [listener, trigger].filter(Boolean).join('/')
      : undefined;
  const requestedBy = nonEmpty(annotations[REQUESTED_BY_ANNOTATION]);

  const withDetail = (
    type: MlopsTriggerType,
    detail: string | undefined,
  ): MlopsTrigger => (detail ? { type, detail } : { type });

  const triggeredBy = nonEmpty(labels[MLOPS_TRIGGERED_BY_LABEL]);
  const labelled = triggeredBy
    ? typeOfTriggeredByLabel(triggeredBy)
    : undefined;
  switch (labelled) {
    case 'cron':
      return { type: 'cron' };
    case 'alert':
      return withDetail('alert', listenerDetail ?? triggeredBy);
    case 'webhook':
      return withDetail('webhook', listenerDetail);
    case 'user':
      return withDetail('user', requestedBy);
    default:
      break;
  }

  if (listenerDetail) {
    const alert = ALERT_WORDS.test(`${listener ?? ''} ${trigger ?? ''}`);
    return { type: alert ? 'alert' : 'webhook', detail: listenerDetail };
  }
  if (requestedBy) {
    return { type: 'user', detail: requestedBy };
  }
  return withDetail('unknown', triggeredBy);
}
