import {
  getMlopsErrorCategoryHint,
  type MlopsModelSummary,
} from '@backstage-mlops/plugin-mlops-common';
import {
  conditionTone,
  runStatusLabel,
  runStatusTone,
  type StatusTone,
} from './statusTone';

/**
 * One aspect of a model summary, ready to draw: tone, words, when.
 *
 * @internal
 */
export interface SummaryAspect {
  tone: StatusTone;
  /** The state in a word or two, e.g. `Failed` or `FailedToLoad`. */
  text: string;
  /**
   * Why, when it is not fine: the failing condition's reason or the error
   * category in words, e.g. `ModelLoadFailed`. Shown on its own line, so a long
   * reason wraps between words instead of squeezing the state.
   */
  reason?: string;
  /** When it happened (ISO 8601), for a relative time. */
  time?: string;
  /** More detail, e.g. the failing condition's message. */
  detail?: string;
  /**
   * The failure in its own words, shown wherever the aspect is (the models page
   * too): a failed load's message, e.g. the model server's last log lines.
   */
  message?: string;
}

/**
 * The aspects of a model the models page and the status card show.
 *
 * @internal
 */
export type SummaryAspectName = 'training' | 'serving' | 'build' | 'validation';

/**
 * Describes one aspect of a model's summary, or `undefined` when the model has
 * none (never trained, not served, no build, no validation).
 *
 * @internal
 */
export function summaryAspect(
  summary: MlopsModelSummary,
  aspect: SummaryAspectName,
): SummaryAspect | undefined {
  switch (aspect) {
    case 'training': {
      const t = summary.lastTraining;
      return t
        ? {
            tone: runStatusTone(t.status),
            text: runStatusLabel(t.status),
            time: t.completedAt ?? t.startedAt,
            detail: t.name,
          }
        : undefined;
    }
    case 'serving': {
      const s = summary.serving;
      if (!s) {
        return undefined;
      }
      if (s.modelState?.state === 'FailedToLoad') {
        const failure = s.modelState.loadFailure;
        return {
          tone: 'error',
          text: 'FailedToLoad',
          reason: failure?.reason || undefined,
          time: failure?.time,
          message: failure?.message || undefined,
        };
      }
      if (s.ready === 'True') {
        return { tone: 'ok', text: 'Ready', detail: s.name };
      }
      if (s.ready === 'False') {
        const c = s.failingCondition;
        return {
          tone: 'error',
          text: c?.type ?? 'Not ready',
          reason: c?.reason || undefined,
          detail: c?.message,
        };
      }
      return { tone: conditionTone(s.ready), text: 'Readiness unknown' };
    }
    case 'build': {
      const b = summary.lastBuild;
      return b
        ? {
            tone: b.status ? runStatusTone(b.status) : 'warning',
            text: b.phase,
            time: b.completedAt,
            detail: b.name,
          }
        : undefined;
    }
    default: {
      const v = summary.lastValidation;
      if (!v) {
        return undefined;
      }
      const failed = v.errorCategory && v.errorCategory !== 'none';
      return {
        tone: v.status ? runStatusTone(v.status) : 'warning',
        text: v.phase,
        reason: failed
          ? getMlopsErrorCategoryHint(v.errorCategory!).title
          : undefined,
        time: v.completedAt,
        detail: v.name,
      };
    }
  }
}

const TONE_RANK: Record<StatusTone, number> = {
  error: 0,
  warning: 1,
  running: 2,
  pending: 3,
  aborted: 4,
  ok: 5,
};

/**
 * A sort key of an aspect: failures first, then running, …, then fine, then
 * none; within one tone, the newest first.
 *
 * @internal
 */
export function aspectSortKey(aspect: SummaryAspect | undefined): number {
  if (!aspect) {
    return Number.MAX_SAFE_INTEGER;
  }
  const time = aspect.time ? Date.parse(aspect.time) : NaN;
  const age = Number.isNaN(time) ? 1e13 : 1e13 - time;
  return TONE_RANK[aspect.tone] * 1e14 + age;
}

/**
 * True when something about the model needs a person: a problem reading it, a
 * failed training, build or validation, or serving that is not Ready.
 *
 * @internal
 */
export function needsAttention(summary: MlopsModelSummary): boolean {
  if (summary.problem) {
    return true;
  }
  return (['training', 'serving', 'build', 'validation'] as const).some(
    aspect => summaryAspect(summary, aspect)?.tone === 'error',
  );
}
