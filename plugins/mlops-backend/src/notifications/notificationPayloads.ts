import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { getMlopsErrorCategoryHint } from '@backstage-mlops/plugin-mlops-common';
import type {
  RunFailure,
  ServingState,
  ValidationFailure,
} from './transitions';

/**
 * The entity page's tab a notification links to, as the catalog's entity route and
 * the mlops plugin's entity contents (`training`, `health`) spell it.
 *
 * @internal
 */
export function entityTabLink(
  entityRef: string,
  tab: 'training' | 'health',
): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/${tab}`;
}

function sentence(parts: Array<string | undefined>): string | undefined {
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

/**
 * What the owner reads when a training run failed or its gate blocked the candidate.
 *
 * @internal
 */
export function runFailurePayload(
  entityRef: string,
  model: string,
  runName: string,
  failure: RunFailure,
): NotificationPayload {
  const link = entityTabLink(entityRef, 'training');
  if (failure.topic === 'gate-blocked') {
    return {
      title: `${model}: the promotion gate blocked the candidate of run ${runName}`,
      description: sentence([
        failure.verdict,
        failure.task ? `(task ${failure.task})` : undefined,
      ]),
      link,
      severity: 'normal',
      topic: failure.topic,
    };
  }
  const verb = failure.status === 'TimedOut' ? 'timed out' : 'failed';
  return {
    title: `${model}: training run ${runName} ${verb}`,
    description: sentence([
      failure.task ? `Task ${failure.task} failed` : undefined,
      failure.reason ? `(${failure.reason}):` : undefined,
      failure.message,
    ]),
    link,
    severity: 'high',
    topic: failure.topic,
  };
}

/**
 * What the owner reads when a notebook validation failed, with its error category.
 *
 * @internal
 */
export function validationFailurePayload(
  entityRef: string,
  model: string,
  jobName: string,
  failure: ValidationFailure,
): NotificationPayload {
  const hint = failure.category
    ? getMlopsErrorCategoryHint(failure.category)
    : undefined;
  return {
    title: `${model}: notebook validation ${jobName} failed${
      failure.category ? ` (${failure.category})` : ''
    }`,
    description: sentence([
      hint ? `${hint.title}.` : undefined,
      failure.message,
      hint ? `Fix: ${hint.fix}` : undefined,
    ]),
    link: entityTabLink(entityRef, 'training'),
    severity: 'high',
    topic: failure.topic,
  };
}

/**
 * What the owner reads when the model's InferenceService stops being Ready, or is
 * Ready again.
 *
 * @internal
 */
export function servingPayload(
  entityRef: string,
  model: string,
  isvcName: string,
  serving: ServingState,
): NotificationPayload {
  const link = entityTabLink(entityRef, 'health');
  if (serving.state === 'ready') {
    return {
      title: `${model} is serving again: InferenceService ${isvcName} is Ready`,
      link,
      severity: 'low',
      topic: 'serving-recovered',
    };
  }
  const failing = serving.failingCondition;
  return {
    title: `${model} is not serving: InferenceService ${isvcName} is not Ready`,
    description: failing
      ? sentence([
          `${failing.type}${failing.reason ? ` (${failing.reason})` : ''}:`,
          failing.message,
        ])
      : undefined,
    link,
    severity: 'critical',
    topic: 'serving-unready',
  };
}
