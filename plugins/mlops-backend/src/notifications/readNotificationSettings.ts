import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * The notifications to model owners as configured (`mlops.notifications.*`).
 *
 * @internal
 */
export interface NotificationSettings {
  /** Whether notifications are sent at all. */
  enabled: boolean;
  /** How often the catalog's models (their owners and opt-outs) are read again. */
  modelsRefreshMs: number;
  /**
   * How long a failed run whose failed TaskRun is not in the cache yet waits for it
   * (to tell a gate's verdict from a failure) before it is reported without it.
   */
  settleMs: number;
  /** How many times a notification is tried. */
  maxAttempts: number;
  /** The wait after the first failed try (doubled after each further one), and how often due retries are looked for. */
  retryMs: number;
  /** How long sent notifications are remembered (older transitions are never re-sent: see `since`). */
  retentionMs: number;
}

const positive = (name: string) =>
  z
    .number({ error: `mlops.notifications.${name} must be a number` })
    .positive({ error: `mlops.notifications.${name} must be positive` });

const schema = z
  .object({
    enabled: z
      .boolean({ error: 'mlops.notifications.enabled must be true or false' })
      .default(true),
    modelsRefreshSeconds: positive('modelsRefreshSeconds').default(60),
    settleSeconds: positive('settleSeconds').default(10),
    maxAttempts: positive('maxAttempts').int().default(5),
    retrySeconds: positive('retrySeconds').default(30),
    retentionDays: positive('retentionDays').default(30),
  })
  .strict();

/**
 * Reads `mlops.notifications` with its defaults; `InputError` naming the setting when
 * one is wrong.
 *
 * @internal
 */
export function readNotificationSettings(
  config: RootConfigService,
): NotificationSettings {
  const raw = config.getOptional('mlops.notifications') ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues
        .map(issue =>
          issue.code === 'unrecognized_keys'
            ? `mlops.notifications has unknown settings: ${issue.keys.join(
                ', ',
              )}`
            : issue.message,
        )
        .join('; '),
    );
  }
  const s = parsed.data;
  return {
    enabled: s.enabled,
    modelsRefreshMs: s.modelsRefreshSeconds * 1000,
    settleMs: s.settleSeconds * 1000,
    maxAttempts: s.maxAttempts,
    retryMs: s.retrySeconds * 1000,
    retentionMs: s.retentionDays * 24 * 3600_000,
  };
}
