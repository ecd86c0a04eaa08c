import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  clusterSettingsSchema,
  type ClusterSettingsConfig,
} from './clusterSettingsSchema';
import { configInputError } from './formatConfigIssues';

/**
 * Reads `mlops.clusters` once: per cluster name, what backstage-mlops needs that the
 * Kubernetes plugin's cluster config cannot say (the scaffolder identity, the
 * workbench URL, the owners a namespace allows). Throws `InputError` naming the key of
 * a bad entry, and never echoes a value (entries hold tokens).
 *
 * @internal
 */
export function readClusterSettings(
  config: Config,
): Map<string, ClusterSettingsConfig> {
  const settings = new Map<string, ClusterSettingsConfig>();
  (config.getOptionalConfigArray('mlops.clusters') ?? []).forEach(
    (entry, i) => {
      const key = `mlops.clusters[${i}]`;
      const data = entry.get();
      const parsed = clusterSettingsSchema.safeParse(data);
      if (!parsed.success) {
        throw configInputError(key, data, parsed.error);
      }
      if (settings.has(parsed.data.name)) {
        throw new InputError(
          `${key}.name ${JSON.stringify(
            parsed.data.name,
          )} is used by an earlier entry`,
        );
      }
      settings.set(parsed.data.name, parsed.data);
    },
  );
  return settings;
}
