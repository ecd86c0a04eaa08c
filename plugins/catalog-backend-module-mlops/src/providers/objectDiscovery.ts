import {
  MLOPS_DISCOVERY_KEY,
  MLOPS_DISCOVERY_DESCRIPTION_KEY,
  MLOPS_DISCOVERY_LIFECYCLE_KEY,
  MLOPS_DISCOVERY_OWNER_KEY,
  MLOPS_DISCOVERY_SYSTEM_KEY,
} from '@backstage-mlops/plugin-mlops-common';

/** The labels and annotations of a cluster object or namespace. */
export interface LabelledMeta {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A discovery key's value on an object: the annotation, else the label. */
export function discoveryValue(
  meta: LabelledMeta | undefined,
  key: string,
): string | undefined {
  const value = meta?.annotations?.[key] ?? meta?.labels?.[key];
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Whether a thing made of these objects, in a namespace with this metadata, is
 * discovered: never when one of them (or the namespace) says
 * `mlops.backstage.io/discover: "false"`; in opt-in mode only when one of them (or the
 * namespace) says `"true"`.
 */
export function isDiscovered(
  objects: LabelledMeta[],
  namespace: LabelledMeta | undefined,
  mode: 'opt-out' | 'opt-in',
): boolean {
  const values = [...objects, namespace].map(meta =>
    discoveryValue(meta, MLOPS_DISCOVERY_KEY)?.toLowerCase(),
  );
  if (values.includes('false')) {
    return false;
  }
  return mode === 'opt-out' || values.includes('true');
}

/** Owner, system, lifecycle and description: the first object (then the namespace) that names each. */
export function describedBy(
  objects: Array<LabelledMeta | undefined>,
  defaults: { owner: string; lifecycle: string; system?: string },
): { owner: string; lifecycle: string; system?: string; description?: string } {
  const first = (key: string) => {
    for (const meta of objects) {
      const value = discoveryValue(meta, key);
      if (value) return value;
    }
    return undefined;
  };
  return {
    owner: first(MLOPS_DISCOVERY_OWNER_KEY) ?? defaults.owner,
    lifecycle: first(MLOPS_DISCOVERY_LIFECYCLE_KEY) ?? defaults.lifecycle,
    system: first(MLOPS_DISCOVERY_SYSTEM_KEY) ?? defaults.system,
    description: first(MLOPS_DISCOVERY_DESCRIPTION_KEY),
  };
}
