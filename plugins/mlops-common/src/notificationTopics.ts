import { MLOPS_ANNOTATION_NOTIFICATIONS } from './annotations';

/**
 * The topics of the notifications backstage-mlops sends to a model's owner, one per
 * kind of transition: a training run failed, a candidate was blocked by its
 * promotion gate, a notebook validation failed, the InferenceService stopped being
 * Ready, and it is Ready again. Users can also turn topics off in their notification
 * settings (origin `plugin:mlops`).
 *
 * @public
 */
export const MLOPS_NOTIFICATION_TOPICS = [
  'training-failed',
  'gate-blocked',
  'validation-failed',
  'serving-unready',
  'serving-recovered',
] as const;

/**
 * One of {@link MLOPS_NOTIFICATION_TOPICS}.
 *
 * @public
 */
export type MlopsNotificationTopic = (typeof MLOPS_NOTIFICATION_TOPICS)[number];

/**
 * What an entity's `mlops.backstage.io/notifications` annotation asks for.
 *
 * @public
 */
export interface MlopsNotificationChoice {
  /** The topics its owner gets. */
  topics: MlopsNotificationTopic[];
  /**
   * What is wrong with the annotation, naming it and the words it does not know.
   * An invalid annotation sends every topic, so that nothing is lost.
   */
  problem?: string;
}

function isTopic(word: string): word is MlopsNotificationTopic {
  return (MLOPS_NOTIFICATION_TOPICS as readonly string[]).includes(word);
}

/**
 * Reads an entity's {@link MLOPS_ANNOTATION_NOTIFICATIONS} annotation: absent or `all`
 * sends every topic, `off` none, a comma-separated list of topics those topics.
 *
 * @public
 */
export function readMlopsNotificationChoice(
  annotations: Readonly<Record<string, string>> | undefined,
): MlopsNotificationChoice {
  const value = annotations?.[MLOPS_ANNOTATION_NOTIFICATIONS];
  const all = [...MLOPS_NOTIFICATION_TOPICS];
  if (value === undefined) {
    return { topics: all };
  }
  const words = value
    .split(',')
    .map(word => word.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'off') {
    return { topics: [] };
  }
  if (words.length === 1 && words[0] === 'all') {
    return { topics: all };
  }
  const unknown = words.filter(word => !isTopic(word));
  if (words.length === 0 || unknown.length > 0) {
    return {
      topics: all,
      problem: `annotation ${MLOPS_ANNOTATION_NOTIFICATIONS} must be "off", "all" or a comma-separated list of ${MLOPS_NOTIFICATION_TOPICS.join(
        ', ',
      )}; ${
        words.length === 0
          ? 'it is empty'
          : `unknown: ${unknown.map(word => JSON.stringify(word)).join(', ')}`
      } (every topic is sent until it is fixed)`,
    };
  }
  return { topics: [...new Set(words.filter(isTopic))] };
}
