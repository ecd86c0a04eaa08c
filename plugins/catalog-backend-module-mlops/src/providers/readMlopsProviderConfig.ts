import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import { clusterNameSchema } from '@backstage-mlops/plugin-mlops-common';
import { z } from 'zod';

/** The config block of the provider. */
export const MLOPS_PROVIDER_CONFIG_KEY = 'catalog.providers.mlops';

/**
 * The provider's settings, read from `catalog.providers.mlops`.
 *
 * @public
 */
export interface MlopsEntityProviderConfig {
  /** Clusters to discover; undefined: every configured cluster. */
  clusters?: string[];
  /** `opt-out`: everything not labelled `mlops.backstage.io/discover: "false"`; `opt-in`: only what is labelled `"true"` (or in a namespace that is). */
  mode: 'opt-out' | 'opt-in';
  /** Owner of entities whose objects and namespace name none. */
  defaultOwner: string;
  /** Lifecycle of entities whose objects and namespace name none. */
  defaultLifecycle: string;
  /** System of entities whose objects and namespace name none (none by default). */
  defaultSystem?: string;
  /** The full mutation's schedule. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Watch events are batched for this long before a delta mutation. */
  deltaDelayMs: number;
  /** How often the hand-written entities of the catalog are read again. */
  catalogCheckIntervalMs: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

const nameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters');

const configSchema = z.object({
  clusters: z.array(clusterNameSchema).min(1).optional(),
  mode: z.enum(['opt-out', 'opt-in']).default('opt-out'),
  defaultOwner: nameSchema.default('unknown'),
  defaultLifecycle: nameSchema.default('production'),
  defaultSystem: nameSchema.optional(),
  deltaDelayMs: z.number().int().min(0).max(60_000).default(250),
  catalogCheckIntervalSeconds: z.number().min(0.1).max(86_400).default(60),
});

/**
 * Reads `catalog.providers.mlops`; undefined when the block is absent (the provider is
 * off). Throws `InputError` naming the bad key.
 *
 * @public
 */
export function readMlopsProviderConfig(
  root: Config,
): MlopsEntityProviderConfig | undefined {
  const config = root.getOptionalConfig(MLOPS_PROVIDER_CONFIG_KEY);
  if (!config) {
    return undefined;
  }
  const { schedule: _schedule, ...rest } =
    config.get<Record<string, unknown>>();
  const parsed = configSchema.safeParse(rest);
  if (!parsed.success) {
    throw new InputError(
      `invalid ${MLOPS_PROVIDER_CONFIG_KEY}: ${parsed.error.issues
        .map(i => `${i.path.join('.')} ${i.message}`)
        .join('; ')}`,
    );
  }
  const { catalogCheckIntervalSeconds, ...values } = parsed.data;
  let schedule = DEFAULT_SCHEDULE;
  if (config.has('schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      );
    } catch (error) {
      throw new InputError(
        `invalid ${MLOPS_PROVIDER_CONFIG_KEY}.schedule: ${
          (error as Error).message
        }`,
      );
    }
  }
  return {
    ...values,
    schedule,
    catalogCheckIntervalMs: catalogCheckIntervalSeconds * 1000,
  };
}

/**
 * The schedule's initial delay in milliseconds (0 when it has none): discovery starts
 * then on every replica.
 *
 * @internal
 */
export function scheduleInitialDelayMs(
  schedule: SchedulerServiceTaskScheduleDefinition,
): number {
  const delay = schedule.initialDelay;
  if (!delay) return 0;
  // A luxon Duration (from code) or a HumanDuration (from config).
  return 'toMillis' in delay
    ? delay.toMillis()
    : durationToMilliseconds(delay as HumanDuration);
}
